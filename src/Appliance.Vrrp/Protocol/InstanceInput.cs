using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Protocol;

/// <summary>
/// One input to <c>Instance.Handle</c>. A ref struct because an advert is a view over the receive
/// buffer: nothing is copied and nothing outlives the call.
/// </summary>
public readonly ref struct InstanceInput
{
    private InstanceInput(InputKind kind, VrrpAdvert advert, IpAddr source, byte ttl, bool unicast, byte value, bool flag, IpAddr address)
    {
        Kind = kind;
        Advert = advert;
        Source = source;
        Ttl = ttl;
        Unicast = unicast;
        Value = value;
        Flag = flag;
        Address = address;
    }

    /// <summary>What happened.</summary>
    public InputKind Kind { get; }

    /// <summary>The advert, for <see cref="InputKind.Advert"/>.</summary>
    public VrrpAdvert Advert { get; }

    /// <summary>The advert's IP source address (the sender's primary address).</summary>
    public IpAddr Source { get; }

    /// <summary>TTL or hop limit the advert arrived with.</summary>
    public byte Ttl { get; }

    /// <summary>True when the advert was sent to a unicast address (keepalived's unicast peers).</summary>
    public bool Unicast { get; }

    /// <summary>The new effective priority, for <see cref="InputKind.PriorityChanged"/>.</summary>
    public byte Value { get; }

    /// <summary>Inhibit on/off, for <see cref="InputKind.TakeoverInhibit"/>.</summary>
    public bool Flag { get; }

    /// <summary>The new primary address, for <see cref="InputKind.PrimaryAddressChanged"/>.</summary>
    public IpAddr Address { get; }

    /// <summary>A timer check.</summary>
    public static InstanceInput Tick() => new(InputKind.Tick, default, default, 0, false, 0, false, default);

    /// <summary>The Startup event.</summary>
    public static InstanceInput Startup() => new(InputKind.Startup, default, default, 0, false, 0, false, default);

    /// <summary>The Shutdown event.</summary>
    public static InstanceInput Shutdown() => new(InputKind.Shutdown, default, default, 0, false, 0, false, default);

    /// <summary>A received advertisement.</summary>
    public static InstanceInput FromAdvert(VrrpAdvert advert, IpAddr source, byte ttl, bool unicast = false) =>
        new(InputKind.Advert, advert, source, ttl, unicast, 0, false, default);

    /// <summary>Interface up.</summary>
    public static InstanceInput InterfaceUp() => new(InputKind.InterfaceUp, default, default, 0, false, 0, false, default);

    /// <summary>Interface down.</summary>
    public static InstanceInput InterfaceDown() => new(InputKind.InterfaceDown, default, default, 0, false, 0, false, default);

    /// <summary>New effective priority from trackers.</summary>
    public static InstanceInput PriorityChanged(byte priority) => new(InputKind.PriorityChanged, default, default, 0, false, priority, false, default);

    /// <summary>Arbiter's verdict: the master is (still) heard on another channel.</summary>
    public static InstanceInput TakeoverInhibit(bool inhibit) => new(InputKind.TakeoverInhibit, default, default, 0, false, 0, inhibit, default);

    /// <summary>The sync group went Master.</summary>
    public static InstanceInput SyncGroupMaster() => new(InputKind.SyncGroupMaster, default, default, 0, false, 0, false, default);

    /// <summary>The sync group went Backup.</summary>
    public static InstanceInput SyncGroupBackup() => new(InputKind.SyncGroupBackup, default, default, 0, false, 0, false, default);

    /// <summary>Our primary address changed.</summary>
    public static InstanceInput PrimaryAddressChanged(IpAddr address) => new(InputKind.PrimaryAddressChanged, default, default, 0, false, 0, false, address);
}
