using System.Collections.Immutable;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;

namespace Appliance.Testing.Simulation;

/// <summary>
/// A generated set of routers: per router a priority and preempt flag, one or two VRIDs sharing the
/// segment, one protocol version and interval per run, and the seed of everything random after
/// that. Router i has primary address 10.0.0.(i+1). <paramref name="PreemptAtOnce"/> and
/// <paramref name="StartAsMaster"/> switch every router to keepalived's behaviour.
/// </summary>
public sealed record Topology(int[] Priorities, bool[] Preempt, bool TwoVrids, VrrpVersion Version, int IntervalCs, int Seed,
    bool PreemptAtOnce = false, bool StartAsMaster = false)
{
    /// <summary>Number of routers.</summary>
    public int Count => Priorities.Length;

    /// <summary>The advert interval of every instance.</summary>
    public Centiseconds Interval => new(IntervalCs);

    /// <summary>VRID of router <paramref name="index"/>.</summary>
    public byte VridOf(int index) => (byte)(TwoVrids ? 1 + index % 2 : 1);

    /// <summary>The VRIDs in use.</summary>
    public byte[] Vrids => TwoVrids && Count > 1 ? [1, 2] : [1];

    /// <summary>Primary address of router <paramref name="index"/>.</summary>
    public static IpAddr PrimaryOf(int index) => IpAddr.FromV4(0x0A000001u + (uint)index);

    /// <summary>Settings of router <paramref name="index"/>.</summary>
    public InstanceSettings SettingsOf(int index) => new()
    {
        Name = $"VI_{VridOf(index)}",
        Vrid = VridOf(index),
        Version = Version,
        Priority = (byte)Priorities[index],
        Preempt = Preempt[index],
        PreemptAtOnce = PreemptAtOnce,
        StartAsMaster = StartAsMaster,
        AdvertInterval = Interval,
        VirtualAddresses = ImmutableArray.Create(IpAddr.FromV4(0xC0000200u + VridOf(index))),
    };

    /// <summary>Builds the simulation (routers added, none started).</summary>
    public Simulation Build()
    {
        var sim = new Simulation(Seed);
        for (int i = 0; i < Count; i++) sim.AddRouter(SettingsOf(i), PrimaryOf(i));
        return sim;
    }

    /// <summary>Routers of VRID <paramref name="vrid"/>.</summary>
    public IEnumerable<int> RoutersOf(byte vrid) => Enumerable.Range(0, Count).Where(i => VridOf(i) == vrid);

    /// <summary>The largest Master_Down_Interval any router of <paramref name="vrid"/> can run.</summary>
    public Duration MaxMasterDownInterval(byte vrid) =>
        RoutersOf(vrid).Select(i => VrrpTimers.MasterDownInterval(Version, (byte)Priorities[i], Interval)).Max();

    /// <summary>For failure output.</summary>
    public override string ToString() =>
        $"{Version} {IntervalCs}cs seed {Seed} vrids {(TwoVrids ? 2 : 1)}" +
        $"{(PreemptAtOnce ? " preempt-at-once" : "")}{(StartAsMaster ? " start-as-master" : "")}: " +
        string.Join(", ", Enumerable.Range(0, Count).Select(i => $"R{i}(vrid {VridOf(i)} prio {Priorities[i]}{(Preempt[i] ? "" : " nopreempt")})"));
}
