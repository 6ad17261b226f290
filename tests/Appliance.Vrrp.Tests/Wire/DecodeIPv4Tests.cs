using System.Buffers.Binary;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Wire.WireSamples;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>The IPv4 header checks of <see cref="VrrpCodec.DecodeIPv4"/>, for raw sockets that deliver the IP header.</summary>
public class DecodeIPv4Tests
{
    private static byte[] Packet(ChecksumForm form = ChecksumForm.PseudoHeader)
    {
        var buffer = new byte[VrrpCodec.MaxIPv4PacketSize];
        int n = VrrpCodec.EncodeIPv4Packet(buffer, new AdvertFields
        {
            Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 52, Priority = 150, Interval = new Centiseconds(50), Addresses = VipsV4,
        }, RouterV4, IpAddr.VrrpMulticastV4, form, identification: 7);
        return buffer[..n];
    }

    private static DropReason Decode(byte[] packet) => VrrpCodec.DecodeIPv4(packet, checkTtl: true, out _, out _);

    [Fact]
    public void Valid_packet_yields_the_advert_and_the_header_facts()
    {
        Assert.Equal(DropReason.None, VrrpCodec.DecodeIPv4(Packet(), checkTtl: true, out var advert, out var info));
        Assert.Equal(52, advert.Vrid);
        Assert.Equal(RouterV4, info.Source);
        Assert.Equal(IpAddr.VrrpMulticastV4, info.Destination);
        Assert.Equal(255, info.Ttl);
        Assert.True(info.CheckTtl);
        Assert.Equal(IpFamily.IPv4, info.Family);
    }

    [Fact]
    public void Packet_shorter_than_an_IPv4_header_is_dropped_as_TooShort() => Assert.Equal(DropReason.TooShort, Decode(Packet()[..19]));

    [Fact]
    public void Version_nibble_other_than_4_is_dropped_as_BadIpHeader()
    {
        var packet = Packet();
        packet[0] = 0x65;
        Assert.Equal(DropReason.BadIpHeader, Decode(packet));
    }

    [Fact]
    public void Header_length_below_five_words_is_dropped_as_BadIpHeader()
    {
        var packet = Packet();
        packet[0] = 0x44;
        Assert.Equal(DropReason.BadIpHeader, Decode(packet));
    }

    [Fact]
    public void Header_length_beyond_the_data_is_dropped_as_TooShort()
    {
        var packet = Packet()[..24];
        packet[0] = 0x47;
        Assert.Equal(DropReason.TooShort, Decode(packet));
    }

    [Fact]
    public void Protocol_other_than_112_is_dropped_as_BadIpHeader()
    {
        var packet = Packet();
        packet[9] = 17;
        Assert.Equal(DropReason.BadIpHeader, Decode(packet));
    }

    [Fact]
    public void Total_length_shorter_than_the_header_is_dropped_as_BadIpHeader()
    {
        var packet = Packet();
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 19);
        Assert.Equal(DropReason.BadIpHeader, Decode(packet));
    }

    [Fact]
    public void Total_length_beyond_the_received_bytes_is_dropped_as_TooShort()
    {
        var packet = Packet();
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(packet.Length + 1));
        Assert.Equal(DropReason.TooShort, Decode(packet));
    }

    [Fact]
    public void Bytes_after_the_total_length_are_not_part_of_the_advert()
    {
        var packet = Packet().Concat(new byte[6]).ToArray();
        Assert.Equal(DropReason.None, Decode(packet));
    }

    [Fact]
    public void Options_in_the_IP_header_are_skipped_by_IHL()
    {
        var plain = Packet();
        var packet = new byte[plain.Length + 4];
        plain.AsSpan(0, 20).CopyTo(packet);
        packet[20] = 0x94; // Router Alert, 4 bytes
        packet[21] = 4;
        plain.AsSpan(20).CopyTo(packet.AsSpan(24));
        packet[0] = 0x46;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        Assert.Equal(DropReason.None, Decode(packet));
    }

    [Fact]
    public void Ttl_from_the_header_is_checked_only_when_asked()
    {
        var packet = Packet();
        packet[8] = 64;
        Assert.Equal(DropReason.BadTtl, VrrpCodec.DecodeIPv4(packet, checkTtl: true, out _, out var info));
        Assert.Equal(RouterV4, info.Source);
        Assert.Equal(DropReason.None, VrrpCodec.DecodeIPv4(packet, checkTtl: false, out _, out _));
    }

    [Fact]
    public void Encoded_header_has_keepalived_tos_ttl_255_and_a_valid_header_checksum()
    {
        var packet = Packet();
        Assert.Equal(0x45, packet[0]);
        Assert.Equal(VrrpCodec.NetworkControlTos, packet[1]);
        Assert.Equal(packet.Length, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2)));
        Assert.Equal(7, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4)));
        Assert.Equal(255, packet[8]);
        Assert.Equal(112, packet[9]);
        Assert.True(InternetChecksum.Verifies(InternetChecksum.Add(0, packet.AsSpan(0, 20))));
    }
}
