using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Protocol;

/// <summary>
/// One input to <c>Instance.Handle</c>. A ref struct because an advert is a view over the receive
/// buffer: nothing is copied and nothing outlives the call.
/// </summary>
public readonly ref struct InstanceInput
{
    private InstanceInput(InputKind kind, VrrpAdvert advert, IpAddr source, byte ttl, byte value, bool flag, IpAddr address,
        Centiseconds interval = default)
    {
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

    /// <summary>A received advertisement. Where it was addressed (group or our own address) is
    /// deliberately not an input: the receive rules follow the instance's configuration
    /// (<see cref="InstanceSettings.HasUnicastPeers"/>), not what the packet claims.</summary>
    public static InstanceInput FromAdvert(VrrpAdvert advert, IpAddr source, byte ttl) =>
        new(InputKind.Advert, advert, source, ttl, 0, false, default);

    /// <summary>Interface up.</summary>
    public static InstanceInput InterfaceUp() => new(InputKind.InterfaceUp, default, default, 0, 0, false, default);

    /// <summary>Interface down.</summary>
    public static InstanceInput InterfaceDown() => new(InputKind.InterfaceDown, default, default, 0, 0, false, default);

    /// <summary>New effective priority from trackers.</summary>
    public static InstanceInput PriorityChanged(byte priority) => new(InputKind.PriorityChanged, default, default, 0, priority, false, default);

    /// <summary>Arbiter's verdict: the master is (still) heard on another channel.</summary>
    public static InstanceInput TakeoverInhibit(bool inhibit) => new(InputKind.TakeoverInhibit, default, default, 0, 0, inhibit, default);

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
