using Appliance.Heartbeat.Arbitration;
using Appliance.Heartbeat.Wire;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Tests.Arbitration;

/// <summary>One arbiter for node 1 with VRID 51 (IPv4) and two heartbeat channels: link (1) and serial (2).</summary>
internal sealed class ArbiterHarness
{
    public const int Link = 1;
    public const int Serial = 2;
    public const ushort Peer = 2;
    public static readonly IpAddr Ours = IpAddr.Parse("10.200.0.11");
    public static readonly IpAddr Theirs = IpAddr.Parse("10.200.0.12");

    private readonly Dictionary<(ushort, int), uint> _seq = [];

    public ArbiterHarness(LanFaultPolicy policy = LanFaultPolicy.StayBackup, FenceSettings? fence = null, int seed = 1)
    {
        Arbiter = new Arbiter(1,
            [new ArbiterChannel("link0", Centiseconds.FromSeconds(3)), new ArbiterChannel("serial0", Centiseconds.FromSeconds(3))],
            [new ArbiterInstance("VI_1", 51, IpFamily.IPv4)],
            policy, fence, new Random(seed));
    }

    public Arbiter Arbiter { get; }
    public ArbiterOutput Output { get; } = new();
    public MonoTime Now { get; private set; } = MonoTime.FromMilliseconds(1000);

    public List<ArbiterDecision> Advance(int ms)
    {
        Now = Now.AddNanoseconds(ms * 1_000_000L);
        Output.Clear();
        Arbiter.Tick(Now, Output);
        return [.. Output.Items];
    }

    public List<ArbiterDecision> Local(VrrpState state, byte priority = 100)
    {
        Output.Clear();
        Arbiter.SetLocal(0, state, priority, Ours, Centiseconds.FromSeconds(1), Now, Output);
        return [.. Output.Items];
    }

    public List<ArbiterDecision> Frame(int channel, VrrpState state, byte priority = 100, ushort node = Peer, IpAddr? address = null)
    {
        var key = (node, channel);
        _seq[key] = _seq.GetValueOrDefault(key) + 1;
        // The peer has heard our frames: it echoes our current nonce.
        var bytes = FrameFactory.Encode(node, _seq[key],
            [new HeartbeatEntry(51, IpFamily.IPv4, state, priority, Centiseconds.FromSeconds(1), address ?? Theirs)], echo: Arbiter.Nonce);
        Assert.Equal(HeartbeatDropReason.None, HeartbeatCodec.TryDecode(bytes, default, out var frame));
        Output.Clear();
        Assert.Equal(HeartbeatDropReason.None, Arbiter.OnFrame(channel, frame, Now, Output));
        return [.. Output.Items];
    }

    public List<ArbiterDecision> LanAdvert(byte priority = 100, IpAddr? source = null)
    {
        Output.Clear();
        Arbiter.OnLanAdvert(0, priority, source ?? Theirs, Centiseconds.FromSeconds(1), Now, Output);
        return [.. Output.Items];
    }

    public List<ArbiterDecision> TimerFiredWhileInhibited()
    {
        Output.Clear();
        Arbiter.OnTakeoverInhibited(0, Now, Output);
        return [.. Output.Items];
    }
}

internal static class DecisionListExtensions
{
    public static bool Has(this List<ArbiterDecision> d, ArbiterDecisionKind kind) => d.Exists(x => x.Kind == kind);

    public static ArbiterDecision Single(this List<ArbiterDecision> d, ArbiterDecisionKind kind) => Assert.Single(d, x => x.Kind == kind);
}
