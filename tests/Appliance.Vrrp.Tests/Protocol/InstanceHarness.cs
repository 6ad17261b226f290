using System.Collections.Immutable;
using Appliance.Testing.Simulation;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>One instance under test, driven with explicit times (seconds as doubles read best in
/// the RFC-style tests; they are converted to exact nanoseconds).</summary>
internal sealed class InstanceHarness
{
    public static readonly IpAddr Us = IpAddr.Parse("10.0.0.10");
    public static readonly IpAddr Lower = IpAddr.Parse("10.0.0.5");
    public static readonly IpAddr Higher = IpAddr.Parse("10.0.0.20");
    public static readonly IpAddr Vip = IpAddr.Parse("10.0.0.1");

    public static InstanceSettings Settings(byte priority = 100, VrrpVersion version = VrrpVersion.V3) => new()
    {
        Name = "VI_1",
        Vrid = 51,
        Version = version,
        Priority = priority,
        VirtualAddresses = ImmutableArray.Create(Vip),
    };

    public InstanceHarness(InstanceSettings settings, IpAddr? primary = null)
    {
        Instance = new Instance(settings, primary ?? Us);
    }

    public InstanceHarness(byte priority = 100, VrrpVersion version = VrrpVersion.V3) : this(Settings(priority, version)) { }

    public Instance Instance { get; }

    public ActionBuffer Buffer { get; } = new();

    public MonoTime Deadline { get; private set; } = MonoTime.Never;

    public static MonoTime At(double seconds) => new((long)Math.Round(seconds * 1e9));

    public InstanceAction[] Startup(double at = 0) => Run(InstanceInput.Startup(), at);

    public InstanceAction[] Tick(double at) => Run(InstanceInput.Tick(), at);

    public InstanceAction[] TickAt(MonoTime at) => Run(InstanceInput.Tick(), at);

    public InstanceAction[] Shutdown(double at) => Run(InstanceInput.Shutdown(), at);

    public InstanceAction[] InterfaceDown(double at) => Run(InstanceInput.InterfaceDown(), at);

    public InstanceAction[] InterfaceUp(double at) => Run(InstanceInput.InterfaceUp(), at);

    public InstanceAction[] PriorityChanged(byte priority, double at) => Run(InstanceInput.PriorityChanged(priority), at);

    public InstanceAction[] Inhibit(bool inhibit, double at) => Run(InstanceInput.TakeoverInhibit(inhibit), at);

    /// <summary>An advert as the peer in the same group would send it, with overrides.</summary>
    public AdvertSpec Advert(byte priority) => AdvertSpec.For(Instance.Settings, priority);

    /// <summary>The <see cref="ActionKind.AdvertAccepted"/> report of the last <see cref="Receive(AdvertSpec, IpAddr, double, byte)"/>, if any.</summary>
    public InstanceAction? Accepted { get; private set; }

    /// <summary>Delivers an advert; returns the actions it caused, without the <see cref="ActionKind.AdvertAccepted"/>
    /// report (kept in <see cref="Accepted"/>; the RFC rules are about what the instance does).</summary>
    public InstanceAction[] Receive(AdvertSpec advert, IpAddr source, double at, byte ttl = 255, IpAddr destination = default)
    {
        Buffer.Clear();
        Deadline = advert.DeliverTo(Instance, source, At(at), Buffer, ttl, destination);
        var all = Buffer.Items.ToArray();
        Accepted = all.Where(a => a.Kind == ActionKind.AdvertAccepted).Select(a => (InstanceAction?)a).SingleOrDefault();
        return all.Where(a => a.Kind != ActionKind.AdvertAccepted).ToArray();
    }

    public InstanceAction[] YieldTo(byte priority, IpAddr address, Centiseconds interval, double at) =>
        Run(InstanceInput.YieldTo(priority, address, interval), at);

    public InstanceAction[] LanFault(bool on, double at) => Run(InstanceInput.LanFault(on), at);

    public InstanceAction[] Maintenance(bool on, double at) => Run(InstanceInput.Maintenance(on), at);

    public InstanceAction[] Receive(byte priority, IpAddr source, double at) => Receive(Advert(priority), source, at);

    /// <summary>Brings a non-owner to Master: start at 0, let the master-down timer fire.</summary>
    public void MakeMaster()
    {
        Startup(0);
        TickAt(Instance.NextDeadline);
        Assert.Equal(VrrpState.Master, Instance.State);
    }

    private InstanceAction[] Run(InstanceInput input, double at) => Run(input, At(at));

    private InstanceAction[] Run(InstanceInput input, MonoTime at)
    {
        Buffer.Clear();
        Deadline = Instance.Handle(input, at, Buffer);
        Assert.Equal(Instance.NextDeadline, Deadline);
        return Buffer.Items.ToArray();
    }
}

internal static class ActionAssert
{
    public static ActionKind[] Kinds(this InstanceAction[] actions) => actions.Select(a => a.Kind).ToArray();

    public static void StateChange(InstanceAction[] actions, VrrpState from, VrrpState to, StateChangeReason reason)
    {
        var change = Assert.Single(actions, a => a.Kind == ActionKind.StateChanged);
        Assert.Equal((from, to, reason), (change.From, change.To, change.Reason));
    }

    public static void Dropped(InstanceAction[] actions, DropReason reason)
    {
        var drop = Assert.Single(actions);
        Assert.Equal(ActionKind.Dropped, drop.Kind);
        Assert.Equal(reason, drop.Drop);
    }
}
