using System.Collections.Immutable;
using Appliance.Heartbeat.Arbitration;
using Appliance.Heartbeat.Wire;
using Appliance.Testing.Simulation;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Tests.Arbitration;

/// <summary>
/// One node's <see cref="Instance"/> and <see cref="Arbiter"/> wired as the daemon's hosts wire them:
/// state changes → <see cref="Arbiter.SetLocal"/>, <see cref="ActionKind.AdvertAccepted"/> →
/// <see cref="Arbiter.OnLanAdvert"/>, <see cref="ActionKind.TakeoverInhibited"/> →
/// <see cref="Arbiter.OnTakeoverInhibited"/>, and decisions back as inputs through
/// <see cref="DecisionInputs"/>, applied in one pass in the same turn. Simulated time only.
/// </summary>
internal sealed class WiredNode
{
    public static readonly IpAddr Vip = IpAddr.Parse("10.200.0.1");

    private readonly ActionBuffer _actions = new();
    private readonly ArbiterOutput _decisions = new();
    private bool _applying;

    public WiredNode(ushort nodeId, IpAddr primary, byte priority, LanFaultPolicy policy = LanFaultPolicy.StayBackup,
        FenceSettings? fence = null, InstanceSettings? settings = null)
    {
        Settings = settings ?? new InstanceSettings
        {
            Name = "VI_1", Vrid = 51, Priority = priority, VirtualAddresses = ImmutableArray.Create(Vip),
        };
        Instance = new Instance(Settings, primary);
        Arbiter = new Arbiter(nodeId,
            [new ArbiterChannel("link0", Centiseconds.FromSeconds(3))],
            [new ArbiterInstance("VI_1", 51, IpFamily.IPv4)],
            policy, fence, new Random(1));
    }

    public InstanceSettings Settings { get; }
    public Instance Instance { get; }
    public Arbiter Arbiter { get; }
    public MonoTime Now { get; set; } = MonoTime.FromMilliseconds(1000);
    public List<ArbiterDecision> Decisions { get; } = [];
    public List<InstanceAction> Actions { get; } = [];

    public void Startup() => Feed(InstanceInput.Startup());

    /// <summary>A LAN advert from <paramref name="source"/>, as the VRRP socket would deliver it.</summary>
    public void Lan(AdvertSpec advert, IpAddr source, byte ttl = 255)
    {
        _actions.Clear();
        advert.DeliverTo(Instance, source, Now, _actions, ttl);
        PerformAndApply();
    }

    /// <summary>A frame arrived on heartbeat channel 1.</summary>
    public HeartbeatDropReason Frame(in HeartbeatFrame frame)
    {
        var r = Arbiter.OnFrame(1, frame, Now, _decisions);
        Apply();
        return r;
    }

    /// <summary>Moves time to <paramref name="at"/>, serving the instance's and the arbiter's deadlines in order.</summary>
    public void RunUntil(MonoTime at)
    {
        while (true)
        {
            var next = MonoTime.Min(Instance.NextDeadline, Arbiter.NextDeadline);
            if (next.IsNever || next > at) break;
            Now = next;
            if (Now >= Arbiter.NextDeadline)
            {
                Arbiter.Tick(Now, _decisions);
                Apply();
            }
            if (Now >= Instance.NextDeadline) Feed(InstanceInput.Tick());
        }
        Now = at;
    }

    public void Feed(in InstanceInput input)
    {
        _actions.Clear();
        Instance.Handle(input, Now, _actions);
        PerformAndApply();
    }

    private void PerformAndApply()
    {
        // The shared buffer is copied before anything can re-enter (the host performs in order, then settles).
        var performed = _actions.Items.ToArray();
        foreach (var a in performed)
        {
            Actions.Add(a);
            switch (a.Kind)
            {
                case ActionKind.StateChanged:
                    Arbiter.SetLocal(0, Instance.State, Instance.EffectivePriority, Instance.PrimaryAddress, Settings.AdvertInterval, Now, _decisions);
                    break;
                case ActionKind.AdvertAccepted:
                    Arbiter.OnLanAdvert(0, a.Priority, a.Address, a.Interval, Now, _decisions);
                    break;
                case ActionKind.TakeoverInhibited:
                    Arbiter.OnTakeoverInhibited(0, Now, _decisions);
                    break;
            }
        }
        Apply();
    }

    private void Apply()
    {
        if (_applying) return;
        _applying = true;
        for (int k = 0; k < _decisions.Count; k++)
        {
            var d = _decisions[k];
            Decisions.Add(d);
            if (DecisionInputs.TryGet(d, out var input)) Feed(input);
        }
        _decisions.Clear();
        _applying = false;
    }
}
