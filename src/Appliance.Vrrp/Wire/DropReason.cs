namespace Appliance.Vrrp.Wire;

/// <summary>
/// Why a received packet was discarded. Each value has a counter and a rate-limited log line.
/// The codec returns the syntax reasons in the fixed order of RFC 9568 §7.1 (see
/// <c>VrrpCodec</c>); the instance returns the semantic ones (it knows its configuration).
/// </summary>
public enum DropReason : byte
{
    /// <summary>Accepted.</summary>
    None = 0,

    // --- syntax: checked by the codec, in this order (the IPv4 header's TooShort/BadIpHeader first;
    //     within the VRRP message the TTL check precedes TooShort, see VrrpCodec) ---

    /// <summary>Fewer bytes than the fixed 8-byte header (or an IPv4 header shorter than its IHL says).</summary>
    TooShort,

    /// <summary>The IPv4 header is malformed (version nibble, IHL &lt; 5, protocol not 112, total length &lt; IHL),
    /// or the host passed packet info with no family.</summary>
    BadIpHeader,

    /// <summary>TTL / hop limit is not 255 on a multicast advert (RFC 9568 §7.1); unicast peers skip this check.</summary>
    BadTtl,

    /// <summary>Version nibble is neither 2 nor 3, or is 2 over IPv6.</summary>
    BadVersion,

    /// <summary>Type is not 1 (ADVERTISEMENT).</summary>
    BadType,

    /// <summary>The length does not match 8 + count × address size (+ 8 auth bytes for v2).</summary>
    BadLength,

    /// <summary>The checksum matches none of the accepted forms.</summary>
    BadChecksum,

    /// <summary>v2 auth type is not 0 or 1.</summary>
    BadAuthType,

    /// <summary>VRID 0 (reserved).</summary>
    BadVrid,

    /// <summary>Advertisement interval of zero.</summary>
    ZeroInterval,

    /// <summary>IPv6: the source is not link-local (RFC 9568 §5.1.2.1). Checked by the instance, and only
    /// when it has no unicast peers (keepalived's unicast peers may use global addresses).</summary>
    NotLinkLocal,

    // --- semantics: checked by the instance ---

    /// <summary>No instance is configured for this VRID on this interface and family.</summary>
    UnknownVrid,

    /// <summary>The advert's version differs from the instance's.</summary>
    VersionMismatch,

    /// <summary>We are the address owner (priority 255): another router's advert is discarded (RFC 9568 §7.1).</summary>
    WeAreOwner,

    /// <summary>v2 auth type differs from ours (RFC 3768 §7.1).</summary>
    AuthTypeMismatch,

    /// <summary>v2 simple-text password differs from ours.</summary>
    AuthDataMismatch,

    /// <summary>v2 interval differs from ours (RFC 3768 §7.1 requires the discard; v3 only logs).</summary>
    IntervalMismatch,

    /// <summary>v2 address list differs and the sender is not the owner (RFC 3768 §7.1).</summary>
    AddressListMismatch,

    /// <summary>Zero addresses in a v3 advert: RFC 9568 says such an advert is ignored.</summary>
    NoAddresses,

    /// <summary>The advert came from one of our own addresses (looped back).</summary>
    OwnPacket,

    /// <summary>The instance is in Fault or Initialize and does not listen.</summary>
    NotListening,

    /// <summary>A unicast advert from a source that is not a configured peer.</summary>
    UnknownPeer,

    /// <summary>A lower-priority advert discarded on purpose: a Backup in preempt mode lets its
    /// Master_Down_Timer run out so it can preempt (RFC 9568 §6.4.2), and a Master ignores it
    /// (RFC 9568 §6.4.3).</summary>
    LowerPriority,

    /// <summary>Not a drop: an IPv6 advert whose first address is not link-local (RFC 9568 §5.2.9 asks
    /// for one; keepalived and FRR send the global VIP first). Accepted, as §7.1 makes the address
    /// check a MAY, and counted in <c>Instance.MismatchCounts</c>; reported once per instance.</summary>
    FirstAddressNotLinkLocal,

    /// <summary>A multicast advert sent to another group than the instance's (keepalived's
    /// <c>mcast_dst_ip</c>): it belongs to an instance on another group.</summary>
    GroupMismatch,

    /// <summary>A multicast advert for an instance with unicast peers, or a unicast advert for a
    /// multicast instance (keepalived: "Expected unicast packet but received multicast packet").</summary>
    AddressingMismatch,
}
