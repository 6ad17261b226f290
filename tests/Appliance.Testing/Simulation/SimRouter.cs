using Appliance.Host;
using Appliance.Host.Logging;
using Appliance.Host.SplitBrain;
using Appliance.Testing.Seams;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Testing.Simulation;

/// <summary>
/// One simulated router: the daemon's real <see cref="InstanceHost"/> (and, with heartbeat channels,
/// the real <see cref="HeartbeatService"/> and arbiter) around one <see cref="Instance"/>, over the
/// in-memory seams: an advert socket on the simulation's segment, an address table, a frame recorder.
/// A crash throws the host away (and with it every bit of state); a restart builds a new one.
/// </summary>
public sealed class SimRouter
{
    private readonly List<ApplianceEvent> _events = [];

    internal SimRouter(int index, InstanceSettings settings, IpAddr primary, InMemoryAdvertSocket socket, DropLog dropLog)
    {
        Index = index;
        Settings = settings;
        Primary = primary;
        Socket = socket;
        Link = new VrrpLink(socket);
        DropLog = dropLog;
        dropLog.Register(Link);
    }

    /// <summary>Position in <see cref="Simulation.Routers"/>.</summary>
    public int Index { get; }

    /// <summary>The instance's configuration.</summary>
    public InstanceSettings Settings { get; }

    /// <summary>The router's primary address: advert source and tie-break.</summary>
    public IpAddr Primary { get; }

    /// <summary>The router's VRRP socket on the segment.</summary>
    public InMemoryAdvertSocket Socket { get; }

    /// <summary>The real link demultiplexer the socket feeds.</summary>
    public VrrpLink Link { get; }

    /// <summary>The router's interface addresses (its VIPs while master).</summary>
    public InMemoryAddressTable Addresses { get; } = new(Simulation.InterfaceIndex);

    /// <summary>Every GARP / NA frame the router sent, with simulated times.</summary>
    public FrameRecorder Frames { get; } = new(Simulation.InterfaceIndex);

    /// <summary>The running host, or null while the router is down (never started or crashed).</summary>
    public InstanceHost? Host { get; internal set; }

    /// <summary>The running split-brain defence, when the simulation has heartbeat channels and the router is up.</summary>
    public HeartbeatService? Heartbeat { get; internal set; }

    /// <summary>The running instance, or null while the router is down.</summary>
    public Instance? Instance => Host?.Instance;

    /// <summary>True while the process runs.</summary>
    public bool IsUp => Host is not null;

    /// <summary>The instance's state; Initialize while down.</summary>
    public VrrpState State => Instance?.State ?? VrrpState.Initialize;

    /// <summary>Whether the VIPs are configured on this router right now (a crash leaves none behind in this model).</summary>
    public bool HoldsVips => Addresses.Entries.Count > 0;

    /// <summary>Packets the codec refused on receive (should stay 0: every router speaks the same codec).</summary>
    public long CodecDrops
    {
        get
        {
            long n = 0;
            var drops = Link.Drops;
            for (int r = 0; r < drops.Length; r++)
                if (r != (int)DropReason.UnknownVrid) n += drops[r];
            return n;
        }
    }

    /// <summary>Adverts this router put on the wire.</summary>
    public long AdvertsSent => Socket.Sent;

    /// <summary>Everything the router published (state changes, LAN faults, channel events), in order.</summary>
    public IReadOnlyList<ApplianceEvent> Events => _events;

    /// <summary>The events of <paramref name="kind"/> at or after <paramref name="since"/>.</summary>
    public IEnumerable<ApplianceEvent> EventsOf(EventKind kind, MonoTime since = default) =>
        _events.Where(e => e.Kind == kind && e.At >= since);

    internal DropLog DropLog { get; }

    internal MonoTime HeartbeatNotBefore { get; set; }

    internal ActionBuffer Actions { get; } = new();

    internal void Record(in ApplianceEvent e) => _events.Add(e);

    /// <summary>For test output.</summary>
    public override string ToString() => $"R{Index}(vrid {Settings.Vrid}, prio {Settings.Priority}, {Primary}, {State})";
}
