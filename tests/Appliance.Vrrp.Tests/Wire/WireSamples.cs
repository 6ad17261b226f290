using System.Buffers.Binary;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>Known-good adverts and small tools to bend them, for the codec tests.</summary>
internal static class WireSamples
{
    public static readonly IpAddr RouterV4 = IpAddr.Parse("192.0.2.10");
    public static readonly IpAddr PeerV4 = IpAddr.Parse("192.0.2.20");
    public static readonly IpAddr RouterV6 = IpAddr.Parse("fe80::10");
    public static readonly IpAddr[] VipsV4 = [IpAddr.Parse("192.0.2.51"), IpAddr.Parse("192.0.2.151")];
    public static readonly IpAddr[] VipsV6 = [IpAddr.Parse("fe80::53"), IpAddr.Parse("2001:db8::53")];
    public static readonly byte[] Password = "golden12"u8.ToArray();

    public static PacketInfo MulticastV4(byte ttl = 255) => new(IpFamily.IPv4, RouterV4, IpAddr.VrrpMulticastV4, ttl, checkTtl: true);

    public static PacketInfo MulticastV6(byte hopLimit = 255) => new(IpFamily.IPv6, RouterV6, IpAddr.VrrpMulticastV6, hopLimit, checkTtl: true);

    public static PacketInfo UnicastV4(byte ttl) => new(IpFamily.IPv4, RouterV4, PeerV4, ttl, checkTtl: false);

    /// <summary>A valid VRRPv2 message with PASS auth, vrid 51, priority 200, 1 s.</summary>
    public static byte[] V2Pass(params IpAddr[] vips) => Encode(new AdvertFields
    {
        Version = VrrpVersion.V2, Family = IpFamily.IPv4, Vrid = 51, Priority = 200, Interval = Centiseconds.FromSeconds(1),
        AuthType = AuthType.SimpleText, AuthData = Password, Addresses = vips.Length == 0 ? VipsV4 : vips,
    }, MulticastV4(), ChecksumForm.MessageOnly);

    /// <summary>A valid VRRPv3 IPv4 message, vrid 52, priority 150, 0.5 s.</summary>
    public static byte[] V3IPv4(ChecksumForm form = ChecksumForm.PseudoHeader, PacketInfo? info = null, params IpAddr[] vips) => Encode(new AdvertFields
    {
        Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 52, Priority = 150, Interval = new Centiseconds(50),
        Addresses = vips.Length == 0 ? VipsV4 : vips,
    }, info ?? MulticastV4(), form);

    /// <summary>A valid VRRPv3 IPv6 message, vrid 53, priority 100, 1 s.</summary>
    public static byte[] V3IPv6(PacketInfo? info = null, params IpAddr[] vips) => Encode(new AdvertFields
    {
        Version = VrrpVersion.V3, Family = IpFamily.IPv6, Vrid = 53, Priority = 100, Interval = new Centiseconds(100),
        Addresses = vips.Length == 0 ? VipsV6 : vips,
    }, info ?? MulticastV6(), ChecksumForm.PseudoHeader);

    public static byte[] Encode(in AdvertFields fields, PacketInfo info, ChecksumForm form)
    {
        var buffer = new byte[VrrpCodec.MaxMessageSize(fields.Family)];
        int n = VrrpCodec.Encode(buffer, fields, info.Source, info.Destination, form);
        return buffer[..n];
    }

    /// <summary>Recomputes the checksum after a test bent a field, so the later checks are reached.</summary>
    public static byte[] Reseal(byte[] message, PacketInfo info, ChecksumForm form)
    {
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), 0);
        ulong sum = form switch
        {
            ChecksumForm.PseudoHeader => InternetChecksum.PseudoHeader(info.Source, info.Destination, VrrpCodec.ProtocolNumber, message.Length),
            ChecksumForm.PseudoHeaderMulticastDestination => InternetChecksum.PseudoHeaderIPv4(info.Source, IpAddr.VrrpMulticastV4, VrrpCodec.ProtocolNumber, message.Length),
            _ => 0,
        };
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), InternetChecksum.Finish(InternetChecksum.Add(sum, message)));
        return message;
    }

    /// <summary>Prefixes an IPv6 header as the kernel would deliver it on a packet socket (traffic class 0xC0 like keepalived).</summary>
    public static byte[] WithIPv6Header(byte[] message, IpAddr source, IpAddr destination, byte nextHeader = VrrpCodec.ProtocolNumber)
    {
        var packet = new byte[40 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(packet, 0x6C00_0000);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), (ushort)message.Length);
        packet[6] = nextHeader;
        packet[7] = 255;
        source.WriteTo(packet.AsSpan(8));
        destination.WriteTo(packet.AsSpan(24));
        message.CopyTo(packet, 40);
        return packet;
    }

    /// <summary>What a host would hand <see cref="VrrpCodec.Decode"/> for a captured IPv6 packet.</summary>
    public static PacketInfo InfoFromIPv6Header(ReadOnlySpan<byte> packet, bool checkTtl = true) =>
        new(IpFamily.IPv6, IpAddr.FromV6(packet[8..]), IpAddr.FromV6(packet[24..]), packet[7], checkTtl);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
