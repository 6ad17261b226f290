using Appliance.Heartbeat;
using Appliance.Heartbeat.Arbitration;
using Appliance.Heartbeat.Channels;
using Appliance.Heartbeat.Wire;
using Appliance.Host.Logging;
using Appliance.Vrrp;
using Serilog;

namespace Appliance.Host.SplitBrain;

/// <summary>
/// One heartbeat channel at run time: sends our frame every interval, cuts received bytes into
/// frames (a stream reader for serial, one frame per datagram for the link), hands valid frames to
/// the arbiter and reopens the medium when it vanished. Every buffer is allocated here, once.
/// </summary>
public sealed class HeartbeatChannelRunner : IDisposable
{
    private static readonly Centiseconds s_reopenDelay = Centiseconds.FromSeconds(1);

    private readonly byte[] _key;
    private readonly byte[] _rx = new byte[4096];
    private readonly byte[] _tx = new byte[HeartbeatWire.MaxFrameSize];
    private readonly HeartbeatEntry[] _entries = new HeartbeatEntry[HeartbeatWire.MaxEntries];
    private readonly HeartbeatStreamReader? _reader;
    private readonly ushort _nodeId;
    private readonly uint _epoch;
    private readonly ILogger _log;
    private readonly RateLimiter _errors = new(3, TimeSpan.FromSeconds(30));
    private uint _sequence;
    private MonoTime _nextSend;
    private MonoTime _nextReopen;

    public HeartbeatChannelRunner(int index, HeartbeatChannelSettings settings, IHeartbeatTransport transport, ushort nodeId, uint epoch, ILogger log)
    {
        Index = index;
        Settings = settings;
        Transport = transport;
        _key = [.. settings.Key];
        _nodeId = nodeId;
        _epoch = epoch;
        _log = log;
        Drops = new HeartbeatDropCounters();
        if (transport.IsStream) _reader = new HeartbeatStreamReader(_key, Drops);
    }

    /// <summary>The arbiter's index of this channel (1..n).</summary>
    public int Index { get; }

    public HeartbeatChannelSettings Settings { get; }

    public IHeartbeatTransport Transport { get; }

    public string Name => Settings.Name;

    /// <summary>Bytes or frames refused by the codec, by reason.</summary>
    public HeartbeatDropCounters Drops { get; }

    public long FramesSent { get; private set; }

    public long FramesReceived { get; private set; }

    public long SendFailures { get; private set; }

    public long Reopens { get; private set; }

    public MonoTime NextDeadline => Transport.IsOpen ? _nextSend : _nextReopen;

    public void Open(MonoTime now)
    {
        if (Transport.TryOpen())
        {
            _nextSend = now;
            _log.Information("heartbeat channel {Channel}: open ({Kind})", Name, Settings.Kind == HeartbeatChannelKind.Serial ? Settings.Device : Settings.Interface);
        }
        else
        {
            _nextReopen = now.Add(s_reopenDelay);
            _log.Warning("heartbeat channel {Channel}: cannot open: {Error}; retrying every {Delay}", Name, Transport.LastError, s_reopenDelay.ToString());
        }
    }

    public void OnReadable(MonoTime now, Arbiter arbiter, ArbiterOutput output)
    {
        // Bounded: a flood of bytes cannot hold the loop; what is left is read next turn.
        for (int round = 0; round < 16; round++)
        {
            int n = Transport.Receive(_rx);
            if (n == 0) return;
            if (n < 0)
            {
                Gone(now);
                return;
            }
            if (_reader is not null) Feed(_rx.AsSpan(0, n), now, arbiter, output);
            else Datagram(_rx.AsSpan(0, n), now, arbiter, output);
        }
    }

    public void OnDeadline(MonoTime now, Arbiter arbiter)
    {
        if (!Transport.IsOpen)
        {
            if (now < _nextReopen) return;
            if (Transport.TryOpen())
            {
                Reopens++;
                _reader?.Reset();
                _nextSend = now;
                _log.Information("heartbeat channel {Channel}: reopened", Name);
            }
            else
            {
                _nextReopen = now.Add(s_reopenDelay);
                return;
            }
        }
        if (now >= _nextSend)
        {
            Send(arbiter);
            _nextSend = now.Add(Settings.Interval);
        }
    }

    /// <summary>Sends one frame now (the last one at shutdown, announcing our instances stopped).</summary>
    public void Send(Arbiter arbiter)
    {
        if (!Transport.IsOpen) return;
        int count = arbiter.WriteEntries(_entries);
        int n = HeartbeatCodec.Encode(_tx, new HeartbeatHeader(_nodeId, _epoch, ++_sequence, arbiter.Nonce, arbiter.EchoFor(Index)), _entries.AsSpan(0, count), _key);
        if (n > 0 && Transport.Send(_tx.AsSpan(0, n))) FramesSent++;
        else SendFailures++;
    }

    private void Feed(ReadOnlySpan<byte> bytes, MonoTime now, Arbiter arbiter, ArbiterOutput output)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[_reader!.Append(bytes)..];
            while (_reader.TryRead(out var frame)) Accept(frame, now, arbiter, output);
        }
    }

    private void Datagram(ReadOnlySpan<byte> datagram, MonoTime now, Arbiter arbiter, ArbiterOutput output)
    {
        var r = HeartbeatCodec.TryDecode(datagram, _key, out var frame);
        if (r == HeartbeatDropReason.None && frame.Length != datagram.Length) r = HeartbeatDropReason.BadLength;
        if (r != HeartbeatDropReason.None)
        {
            Drops.Count(r);
            return;
        }
        Accept(frame, now, arbiter, output);
    }

    private void Accept(in HeartbeatFrame frame, MonoTime now, Arbiter arbiter, ArbiterOutput output)
    {
        if (arbiter.OnFrame(Index, frame, now, output) == HeartbeatDropReason.None) FramesReceived++;
    }

    private void Gone(MonoTime now)
    {
        _reader?.Reset();
        _nextReopen = now.Add(s_reopenDelay);
        if (_errors.Allow(0, now, out long held))
            _log.Warning("heartbeat channel {Channel}: medium gone ({Error}); reopening ({Held} more)", Name, Transport.LastError, held);
    }

    public void Dispose() => Transport.Dispose();
}
