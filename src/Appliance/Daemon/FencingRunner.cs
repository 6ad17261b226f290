using System.Globalization;
using Appliance.Heartbeat;
using Appliance.Host.SplitBrain;
using Appliance.Notify;
using Appliance.Vrrp;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// Runs the fence command on its own thread, so the loop never waits for it. The command gets the
/// peer's node id as its last argument, and the environment names the peer's address, the
/// instance and the channel that saw the dual master; the command itself must reach the peer
/// through a path independent of the LAN (a power switch, a BMC on a management network, a GPIO
/// relay), never through the channel that failed. The arbiter decides once per episode; this
/// runner also refuses a second run while one is in flight.
/// </summary>
internal sealed class FencingRunner : IFenceCommand
{
    private readonly FenceSettings _settings;
    private readonly ILogger _log;
    private readonly ScriptRunner _runner;
    private int _running;
    private Thread? _thread;

    public FencingRunner(FenceSettings settings, ILogger log)
    {
        _settings = settings;
        _log = log;
        _runner = new ScriptRunner(log, TimeSpan.FromSeconds(60));
    }

    /// <summary>Fence commands started.</summary>
    public int Started { get; private set; }

    /// <summary>Starts the fence command against <paramref name="peerId"/>; false when one is still running.</summary>
    public bool Fence(ushort peerId, IpAddr peerAddress, string instance, string channel)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            _log.Warning("fence against node {Peer} not started: the previous fence command is still running", peerId);
            return false;
        }
        Started++;
        string id = peerId.ToString(CultureInfo.InvariantCulture);
        var env = new Dictionary<string, string>
        {
            ["APPLIANCE_FENCE_PEER_ID"] = id,
            ["APPLIANCE_FENCE_PEER_ADDRESS"] = peerAddress.ToString(),
            ["APPLIANCE_FENCE_INSTANCE"] = instance,
            ["APPLIANCE_FENCE_SEEN_ON"] = channel,
        };
        _log.Warning("FENCING node {Peer} ({Address}): {Instance} has had two masters since the split was seen on {Channel}; running {Command}",
            peerId, peerAddress.ToString(), instance, channel, _settings.Command);
        _thread = new Thread(() =>
        {
            try
            {
                int? code = _runner.Run(_settings.Command, [id], env);
                _log.Warning("fence command against node {Peer} finished: {Result}", peerId, code is { } c ? $"exit {c}" : "did not complete");
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }) { IsBackground = true, Name = "fence" };
        _thread.Start();
        return true;
    }

    public void Dispose() => _thread?.Join(TimeSpan.FromSeconds(5));
}
