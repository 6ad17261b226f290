using Appliance.Vrrp.Protocol;

namespace Appliance.Vrrp.Wire;

/// <summary>
/// The fields of an advert to send, as the instance knows them. A ref struct so the address list
/// and auth data are spans over the caller's storage and encoding allocates nothing.
/// </summary>
public readonly ref struct AdvertFields
{
    /// <summary>Protocol version; v2 is IPv4 only.</summary>
    public VrrpVersion Version { get; init; }

    /// <summary>Family of the addresses and of the packet.</summary>
    public IpFamily Family { get; init; }

    /// <summary>Virtual router id, 1..255.</summary>
    public byte Vrid { get; init; }

    /// <summary>Priority to advertise: 255 owner, 0 leaving.</summary>
    public byte Priority { get; init; }

    /// <summary>The advert interval. v2 sends whole seconds, rounded as keepalived rounds
    /// (half up, 1..255 s); v3 sends centiseconds, clamped to 1..4095 (RFC 9568 §5.2.7).</summary>
    public Centiseconds Interval { get; init; }

    /// <summary>v2 auth type (none or simple text); must be <see cref="AuthType.None"/> for v3.</summary>
    public AuthType AuthType { get; init; }

    /// <summary>v2's 8 authentication bytes, or empty for zeros. Must be empty for v3.</summary>
    public ReadOnlySpan<byte> AuthData { get; init; }

    /// <summary>The virtual addresses, all of <see cref="Family"/>; at most 255. For IPv6 the first
    /// should be the link-local VIP (RFC 9568 §5.2.9).</summary>
    public ReadOnlySpan<IpAddr> Addresses { get; init; }
}
