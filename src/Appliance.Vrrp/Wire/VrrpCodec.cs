namespace Appliance.Vrrp.Wire;

/// <summary>
/// Reads and writes VRRPv2 (RFC 3768) and VRRPv3 (RFC 9568) advertisements. Spans in, values out:
/// nothing here allocates, reads a clock or does I/O, and byte order is handled here and nowhere else.
/// </summary>
/// <remarks>
/// <para>The decoder checks syntax only, in this fixed order, returning the first failure:</para>
/// <list type="number">
/// <item>the packet info names IPv4 or IPv6 (<see cref="DropReason.BadIpHeader"/>; a host bug otherwise);</item>
/// <item>TTL / hop limit is 255, when <see cref="PacketInfo.CheckTtl"/> (<see cref="DropReason.BadTtl"/>);</item>
/// <item>at least the 8-byte header (<see cref="DropReason.TooShort"/>);</item>
/// <item>version 3, or 2 over IPv4 (<see cref="DropReason.BadVersion"/>);</item>
/// <item>type 1, ADVERTISEMENT (<see cref="DropReason.BadType"/>);</item>
/// <item>exact length 8 + count × address size (+ 8 auth bytes for v2) (<see cref="DropReason.BadLength"/>);</item>
/// <item>checksum in any accepted form (<see cref="DropReason.BadChecksum"/>);</item>
/// <item>v2 auth type 0 or 1 (<see cref="DropReason.BadAuthType"/>);</item>
/// <item>VRID not 0 (<see cref="DropReason.BadVrid"/>);</item>
/// <item>interval not 0 (<see cref="DropReason.ZeroInterval"/>);</item>
/// <item>IPv6 sources and first addresses are left to the instance: the link-local source rule follows
/// its configuration (unicast peers may use global addresses), and a first address that is not
/// link-local is accepted (keepalived and FRR send the global VIP first) and counted.</item>
/// </list>
/// <para>Whether the VRID is ours, the priority, the auth data and the address list are semantics,
/// and the instance checks them. A v3 advert with no addresses is syntactically fine: RFC 9568
/// says to ignore it, and the instance does (<see cref="DropReason.NoAddresses"/>).</para>
/// </remarks>
public static partial class VrrpCodec
{
    /// <summary>IP protocol number of VRRP (IANA), also the IPv6 next header.</summary>
    public const byte ProtocolNumber = 112;

    /// <summary>The TTL / hop limit every advert is sent with and, for multicast, must arrive with (RFC 9568 §5.1.1.3).</summary>
    public const byte RequiredTtl = 255;

    /// <summary>Length of the fixed VRRP header (version/type to checksum).</summary>
    public const int HeaderLength = 8;

    /// <summary>Length of v2's authentication data, present whatever the auth type (RFC 3768 §5.1).</summary>
    public const int AuthDataLength = 8;

    /// <summary>Length of the IPv4 header this codec writes (no options).</summary>
    public const int IPv4HeaderLength = 20;

    /// <summary>The only VRRP packet type (RFC 9568 §5.2.2).</summary>
    public const byte AdvertisementType = 1;

    /// <summary>Most addresses one advert can carry (an 8-bit count).</summary>
    public const int MaxAddressCount = 255;

    /// <summary>Largest v2 interval in seconds (an 8-bit field).</summary>
    public const int MaxV2IntervalSeconds = 255;

    /// <summary>Largest v3 interval in centiseconds (a 12-bit field, 40.95 s).</summary>
    public const int MaxV3IntervalCentiseconds = 4095;

    /// <summary>IPv4 type of service keepalived sends adverts with: precedence 6, internetwork control
    /// (seen in captures of keepalived 2.2.7; IPv6 adverts carry the same value as traffic class).</summary>
    public const byte NetworkControlTos = 0xC0;

    /// <summary>Largest VRRP message of <paramref name="family"/>: 255 addresses, plus v2's auth data for IPv4.</summary>
    public static int MaxMessageSize(IpFamily family) =>
        family == IpFamily.IPv4
            ? HeaderLength + MaxAddressCount * 4 + AuthDataLength
            : HeaderLength + MaxAddressCount * 16;

    /// <summary>Largest IPv4 packet <see cref="EncodeIPv4Packet"/> writes.</summary>
    public static int MaxIPv4PacketSize => IPv4HeaderLength + MaxMessageSize(IpFamily.IPv4);

    /// <summary>Length of a message of <paramref name="version"/> and <paramref name="family"/> with
    /// <paramref name="count"/> addresses.</summary>
    public static int MessageLength(VrrpVersion version, IpFamily family, int count) =>
        HeaderLength + count * IpAddr.SizeOf(family) + (version == VrrpVersion.V2 ? AuthDataLength : 0);

    /// <summary>The v2 interval field for <paramref name="interval"/>: whole seconds rounded half up and
    /// kept within 1..255, which is what keepalived 2.2.7 does with a fractional <c>advert_int</c>
    /// (1.5 s → 2, 0.4 s → 1, 2.4 s → 2, measured).</summary>
    public static byte V2IntervalSeconds(Centiseconds interval) =>
        (byte)Math.Clamp((interval.Value + 50) / 100, 1, MaxV2IntervalSeconds);

    /// <summary>The v3 interval field for <paramref name="interval"/>, kept within 1..4095 centiseconds.</summary>
    public static ushort V3IntervalCentiseconds(Centiseconds interval) =>
        (ushort)Math.Clamp(interval.Value, 1, MaxV3IntervalCentiseconds);
}
