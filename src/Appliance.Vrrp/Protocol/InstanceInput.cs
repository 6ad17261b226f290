using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Protocol;

/// <summary>
/// One input to <c>Instance.Handle</c>. A ref struct because an advert is a view over the receive
/// buffer: nothing is copied and nothing outlives the call.
/// </summary>
public readonly ref struct InstanceInput
{
    private InstanceInput(InputKind kind, VrrpAdvert advert, IpAddr source, byte ttl, byte value, bool flag, IpAddr address,
        Centiseconds interval = default, IpAddr destination = default)
    {
        Destination = destination;
        Kind = kind;
        Advert = advert;
        Source = source;
        Ttl = ttl;
        Value = value;
        Flag = flag;
        Address = address;
        Interval = interval;
    }

    /// <summary>What happened.</summary>
    public InputKind Kind { get; }

    /// <summary>The advert, for <see cref="InputKind.Advert"/>.</summary>
    public VrrpAdvert Advert { get; }

    /// <summary>The advert's IP source address (the sender's primary address).</summary>
    public IpAddr Source { get; }

    /// <summary>The advert's IP destination: a multicast group, or our own address for a unicast
    /// peer's advert; <c>default</c> when the caller does not know it (then no check uses it).</summary>
    public IpAddr Destination { get; }

    /// <summary>TTL or hop limit the advert arrived with.</summary>
    public byte Ttl { get; }

    /// <summary>The new effective priority, for <see cref="InputKind.PriorityChanged"/>; the winner's
    /// priority for <see cref="InputKind.YieldTo"/>.</summary>
    public byte Value { get; }

    /// <summary>On/off, for <see cref="InputKind.TakeoverInhibit"/>, <see cref="InputKind.LanFault"/>
    /// and <see cref="InputKind.Maintenance"/>.</summary>
    public bool Flag { get; }

    /// <summary>The new primary address, for <see cref="InputKind.PrimaryAddressChanged"/>; the
    /// winner's primary address for <see cref="InputKind.YieldTo"/>.</summary>
    public IpAddr Address { get; }

    /// <summary>The winner's advertisement interval, for <see cref="InputKind.YieldTo"/>.</summary>
    public Centiseconds Interval { get; }

    /// <summary>A timer check.</summary>
    public static InstanceInput Tick() => new(InputKind.Tick, default, default, 0, 0, false, default);

    /// <summary>The Startup event.</summary>
    public static InstanceInput Startup() => new(InputKind.Startup, default, default, 0, 0, false, default);

    /// <summary>The Shutdown event.</summary>
    public static InstanceInput Shutdown() => new(InputKind.Shutdown, default, default, 0, 0, false, default);

    /// <summary>A received advertisement. The TTL rule follows the instance's configuration
    /// (<see cref="InstanceSettings.HasUnicastPeers"/>), never where the packet was addressed;
    /// <paramref name="destination"/> only decides whether the advert was meant for this instance at
    /// all (its multicast group, or unicast for an instance with peers), as keepalived's per-group
    /// sockets decide.</summary>
    public static InstanceInput FromAdvert(VrrpAdvert advert, IpAddr source, byte ttl, IpAddr destination = default) =>
        new(InputKind.Advert, advert, source, ttl, 0, false, default, default, destination);

    /// <summary>Interface up.</summary>
    public static InstanceInput InterfaceUp() => new(InputKind.InterfaceUp, default, default, 0, 0, false, default);

    /// <summary>Interface down.</summary>
    public static InstanceInput InterfaceDown() => new(InputKind.InterfaceDown, default, default, 0, 0, false, default);

    /// <summary>New effective priority from trackers.</summary>
    public static InstanceInput PriorityChanged(byte priority) => new(InputKind.PriorityChanged, default, default, 0, priority, false, default);

    /// <summary>Arbiter's verdict: the master is (still) heard on another channel.</summary>
    public static InstanceInput TakeoverInhibit(bool inhibit) => new(InputKind.TakeoverInhibit, default, default, 0, 0, inhibit, default);

    /// <summary>The sync group went Master.</summary>
    public static InstanceInput SyncGroupMaster() => new(InputKind.SyncGroupMaster, default, default, 0, 0, false, default);

    /// <summary>The sync group went Backup.</summary>
    public static InstanceInput SyncGroupBackup() => new(InputKind.SyncGroupBackup, default, default, 0, 0, false, default);

    /// <summary>Our primary address changed.</summary>
    public static InstanceInput PrimaryAddressChanged(IpAddr address) => new(InputKind.PrimaryAddressChanged, default, default, 0, 0, false, address);

    /// <summary>Arbiter's verdict: a master heard on a heartbeat channel (<paramref name="priority"/>,
    /// <paramref name="address"/>, <paramref name="interval"/>) wins the RFC 9568 §6.4.3 tie-break.</summary>
    public static InstanceInput YieldTo(byte priority, IpAddr address, Centiseconds interval) =>
        new(InputKind.YieldTo, default, default, 0, priority, false, address, interval);

    /// <summary>Arbiter's go-fault policy: a LAN fault began (<paramref name="on"/>) or ended.</summary>
    public static InstanceInput LanFault(bool on) => new(InputKind.LanFault, default, default, 0, 0, on, default);

    /// <summary>The operator's maintenance switch.</summary>
    public static InstanceInput Maintenance(bool on) => new(InputKind.Maintenance, default, default, 0, 0, on, default);
}
