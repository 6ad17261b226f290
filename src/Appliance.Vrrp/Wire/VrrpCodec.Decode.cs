using System.Buffers.Binary;
using Appliance.Vrrp.Protocol;

namespace Appliance.Vrrp.Wire;

public static partial class VrrpCodec
{
    /// <summary>
    /// Validates and views one VRRP message (what an IPv6 raw socket delivers: no IP header).
    /// The checks and their order are listed on <see cref="VrrpCodec"/>. Never throws.
    /// </summary>
    /// <param name="message">Exactly the received VRRP message.</param>
    /// <param name="info">Family, addresses and TTL from the IP layer.</param>
    /// <param name="advert">On <see cref="DropReason.None"/>, a view of <paramref name="message"/>; otherwise default.</param>
    public static DropReason Decode(ReadOnlySpan<byte> message, scoped in PacketInfo info, out VrrpAdvert advert)
    {
        advert = default;
        // A PacketInfo without a family is a host bug (e.g. default(PacketInfo)); drop rather than guess the address size.
        if (info.Family is not (IpFamily.IPv4 or IpFamily.IPv6)) return DropReason.BadIpHeader;
        if (info.CheckTtl && info.Ttl != RequiredTtl) return DropReason.BadTtl;
        if (message.Length < HeaderLength) return DropReason.TooShort;

        int versionNibble = message[0] >> 4;
        bool isV2 = versionNibble == 2;
        // RFC 3768 is IPv4 only; RFC 9568 §5.2.1 defines version 3 for both families.
        if (!(versionNibble == 3 || (isV2 && info.Family == IpFamily.IPv4))) return DropReason.BadVersion;
        if ((message[0] & 0x0F) != AdvertisementType) return DropReason.BadType;

        byte count = message[3];
        var version = (VrrpVersion)versionNibble;
        if (message.Length != MessageLength(version, info.Family, count)) return DropReason.BadLength;

        if (!TryMatchChecksum(message, version, info, out var form)) return DropReason.BadChecksum;

        var authType = AuthType.None;
        Centiseconds interval;
        if (isV2)
        {
            // RFC 3768 §5.3.6: 0 none, 1 simple text; 2 (IP AH) was removed by RFC 3768 itself.
            if (message[4] > (byte)AuthType.SimpleText) return DropReason.BadAuthType;
            authType = (AuthType)message[4];
            interval = Centiseconds.FromSeconds(message[5]);
        }
        else
        {
            // RFC 9568 §5.2.6: the 4 reserved bits are ignored on receive.
            interval = new Centiseconds(BinaryPrimitives.ReadUInt16BigEndian(message[4..]) & 0x0FFF);
        }

        byte vrid = message[1];
        if (vrid == 0) return DropReason.BadVrid;
        if (interval.Value == 0) return DropReason.ZeroInterval;

        int addressBytes = count * IpAddr.SizeOf(info.Family);
        var addresses = message.Slice(HeaderLength, addressBytes);
        // RFC 9568 §5.1.2.1 wants a link-local IPv6 source and §5.2.9 a link-local first address.
        // Neither is checked here: the source rule belongs to the instance (keepalived's unicast
        // peers may use global addresses), and keepalived and FRR send the global VIP first unless
        // the user lists a link-local one (§7.1 makes checking the address list a MAY); the
        // instance counts that deviation (MismatchCounts).

        var authData = isV2 ? message.Slice(HeaderLength + addressBytes, AuthDataLength) : default;
        advert = new VrrpAdvert(version, info.Family, vrid, message[2], count, interval, authType,
            addresses, authData, form);
        return DropReason.None;
    }

    // Which checksum forms a receiver accepts (RFC 3768 §5.3.8, RFC 9568 §5.2.8): v2 covers the
    // message only; v3/IPv6 includes the pseudo-header. v3/IPv4 is tried as keepalived and FRR send it
    // (pseudo-header with the real destination) first, then as RFC 9568 words it (message only, also
    // Cisco/Juniper), then as old keepalived sent unicast (pseudo-header with 224.0.0.18). A message can
    // verify under two forms only if the pseudo-header sums to zero; the first match is reported.
    private static bool TryMatchChecksum(ReadOnlySpan<byte> message, VrrpVersion version, scoped in PacketInfo info,
        out ChecksumForm form)
    {
        ulong sum = InternetChecksum.Add(0, message);
        form = ChecksumForm.MessageOnly;
        if (version == VrrpVersion.V2) return InternetChecksum.Verifies(sum);

        form = ChecksumForm.PseudoHeader;
        if (InternetChecksum.Verifies(sum + InternetChecksum.PseudoHeader(info.Source, info.Destination, ProtocolNumber, message.Length)))
            return true;
        if (info.Family == IpFamily.IPv6) return false;

        form = ChecksumForm.MessageOnly;
        if (InternetChecksum.Verifies(sum)) return true;

        form = ChecksumForm.PseudoHeaderMulticastDestination;
        return info.Destination != IpAddr.VrrpMulticastV4
            && InternetChecksum.Verifies(sum + InternetChecksum.PseudoHeaderIPv4(info.Source, IpAddr.VrrpMulticastV4, ProtocolNumber, message.Length));
    }
}
