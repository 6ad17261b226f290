using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Appliance.Vrrp.Protocol;

namespace Appliance.Vrrp.Wire;

public static partial class VrrpCodec
{
    /// <summary>
    /// Writes one VRRP message into <paramref name="destination"/> and returns its length.
    /// The checksum form matters only for v3 over IPv4: v2 always covers the message alone and
    /// v3/IPv6 always includes the IPv6 pseudo-header. Reserved bits are sent as zero.
    /// </summary>
    /// <param name="destination">Room for at least <see cref="MessageLength"/> bytes.</param>
    /// <param name="fields">What to advertise.</param>
    /// <param name="source">IP source the packet will carry (for the pseudo-header).</param>
    /// <param name="destinationAddress">IP destination the packet will carry (for the pseudo-header).</param>
    /// <param name="form">v3/IPv4 checksum form, a setting (keepalived's <c>v3_checksum_as_v2</c>, <c>old_unicast_checksum</c>).</param>
    /// <exception cref="ArgumentException">The fields cannot be encoded (a programmer or configuration
    /// error that validation should have caught) or the buffer is too small.</exception>
    public static int Encode(Span<byte> destination, in AdvertFields fields, IpAddr source, IpAddr destinationAddress,
        ChecksumForm form)
    {
        Validate(fields);
        bool isV2 = fields.Version == VrrpVersion.V2;
        int length = MessageLength(fields.Version, fields.Family, fields.Addresses.Length);
        if (destination.Length < length) ThrowArgument(nameof(destination), "buffer too small for the advert");
        var message = destination[..length];

        message[0] = (byte)(((int)fields.Version << 4) | AdvertisementType);
        message[1] = fields.Vrid;
        message[2] = fields.Priority;
        message[3] = (byte)fields.Addresses.Length;
        if (isV2)
        {
            message[4] = (byte)fields.AuthType;
            message[5] = V2IntervalSeconds(fields.Interval);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(message[4..], V3IntervalCentiseconds(fields.Interval));
        }
        message[6] = 0;
        message[7] = 0;

        int offset = HeaderLength;
        foreach (var address in fields.Addresses) offset += address.WriteTo(message[offset..]);
        if (isV2)
        {
            var auth = message.Slice(offset, AuthDataLength);
            if (fields.AuthData.IsEmpty) auth.Clear();
            else fields.AuthData.CopyTo(auth);
        }

        if (form > ChecksumForm.PseudoHeaderMulticastDestination) ThrowArgument(nameof(form), "unknown checksum form");
        var effective = EffectiveChecksumForm(fields, form);
        if (effective != ChecksumForm.MessageOnly) CheckFamily(source, destinationAddress, fields.Family);
        ulong sum = effective switch
        {
            ChecksumForm.PseudoHeader => InternetChecksum.PseudoHeader(source, destinationAddress, ProtocolNumber, length),
            ChecksumForm.PseudoHeaderMulticastDestination => InternetChecksum.PseudoHeaderIPv4(source, IpAddr.VrrpMulticastV4, ProtocolNumber, length),
            _ => 0,
        };
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], InternetChecksum.Finish(InternetChecksum.Add(sum, message)));
        return length;
    }

    /// <summary>The checksum form actually used for <paramref name="fields"/> when <paramref name="requested"/> is asked for.</summary>
    public static ChecksumForm EffectiveChecksumForm(in AdvertFields fields, ChecksumForm requested) =>
        fields.Version == VrrpVersion.V2 ? ChecksumForm.MessageOnly
        : fields.Family == IpFamily.IPv6 ? ChecksumForm.PseudoHeader
        : requested;

    private static void Validate(in AdvertFields fields)
    {
        if (fields.Version is not (VrrpVersion.V2 or VrrpVersion.V3)) ThrowArgument(nameof(fields), "version must be 2 or 3");
        if (fields.Family is not (IpFamily.IPv4 or IpFamily.IPv6)) ThrowArgument(nameof(fields), "unknown address family");
        if (fields.Version == VrrpVersion.V2 && fields.Family != IpFamily.IPv4) ThrowArgument(nameof(fields), "VRRPv2 is IPv4 only (RFC 3768)");
        if (fields.Vrid == 0) ThrowArgument(nameof(fields), "VRID 0 is reserved");
        if (fields.Addresses.Length > MaxAddressCount) ThrowArgument(nameof(fields), "more than 255 addresses");
        foreach (var address in fields.Addresses)
            if (address.Family != fields.Family) ThrowArgument(nameof(fields), "an address is not of the advert's family");
        if (fields.Version == VrrpVersion.V2)
        {
            if (fields.AuthType is not (AuthType.None or AuthType.SimpleText)) ThrowArgument(nameof(fields), "v2 auth type must be none or simple text");
            if (!fields.AuthData.IsEmpty && fields.AuthData.Length != AuthDataLength) ThrowArgument(nameof(fields), "v2 auth data must be 8 bytes or empty");
        }
        else if (fields.AuthType != AuthType.None || !fields.AuthData.IsEmpty)
        {
            ThrowArgument(nameof(fields), "VRRPv3 has no authentication (RFC 9568 §9)");
        }
    }

    private static void CheckFamily(IpAddr source, IpAddr destination, IpFamily family)
    {
        if (source.Family != family || destination.Family != family)
            ThrowArgument(nameof(source), "source and destination must be of the advert's family");
    }

    [DoesNotReturn]
    private static void ThrowArgument(string name, string message) => throw new ArgumentException(message, name);
}
