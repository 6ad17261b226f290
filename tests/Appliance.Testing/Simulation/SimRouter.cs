using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Testing.Simulation;

/// <summary>One simulated router: a host around one <see cref="Instance"/>, as the daemon would be.
/// A crash throws the instance away (and with it every bit of state); a restart builds a new one.</summary>
public sealed class SimRouter
{
    internal SimRouter(int index, InstanceSettings settings, IpAddr primary)
    {
        Index = index;
        Settings = settings;
        Primary = primary;
    }

    /// <summary>Position in <see cref="Simulation.Routers"/>.</summary>
    public int Index { get; }

    /// <summary>The instance's configuration.</summary>
    public InstanceSettings Settings { get; }

    /// <summary>The router's primary address: advert source and tie-break.</summary>
    public IpAddr Primary { get; }

    /// <summary>The running instance, or null while the router is down (never started or crashed).</summary>
    public Instance? Instance { get; internal set; }

    /// <summary>True while the process runs.</summary>
    public bool IsUp => Instance is not null;

    /// <summary>The instance's state; Initialize while down.</summary>
    public VrrpState State => Instance?.State ?? VrrpState.Initialize;

    /// <summary>Whether the VIPs are configured on this router right now (AddVips minus RemoveVips;
    /// a crash leaves none behind in this model).</summary>
    public bool HoldsVips { get; internal set; }

    /// <summary>Packets the codec refused on receive (should stay 0: every router speaks the same codec).</summary>
    public long CodecDrops { get; internal set; }

    /// <summary>Adverts this router put on the wire.</summary>
    public long AdvertsSent { get; internal set; }

    internal ActionBuffer Actions { get; } = new();

    /// <summary>For test output.</summary>
    public override string ToString() => $"R{Index}(vrid {Settings.Vrid}, prio {Settings.Priority}, {Primary}, {State})";
}
