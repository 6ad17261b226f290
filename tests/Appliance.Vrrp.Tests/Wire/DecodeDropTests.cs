using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Wire.WireSamples;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>One test per syntax rule of RFC 9568 §7.1 / RFC 3768 §7.1 the codec enforces, in the codec's order.</summary>
public class DecodeDropTests
{
    private static DropReason Decode(byte[] message, PacketInfo info) => VrrpCodec.Decode(message, info, out _);

    [Fact]
    public void Multicast_advert_with_ttl_below_255_is_dropped_as_BadTtl()
    {
        Assert.Equal(DropReason.BadTtl, Decode(V3IPv4(), MulticastV4(ttl: 254)));
        Assert.Equal(DropReason.BadTtl, Decode(V3IPv6(), MulticastV6(hopLimit: 1)));
    }

    [Fact]
    public void Unicast_peer_advert_skips_the_ttl_check_as_keepalived_does()
    {
        var info = UnicastV4(ttl: 62);
        Assert.Equal(DropReason.None, Decode(V3IPv4(ChecksumForm.PseudoHeader, info), info));
    }

    [Fact]
    public void Ttl_is_checked_before_anything_else() =>
        Assert.Equal(DropReason.BadTtl, Decode([0xFF], MulticastV4(ttl: 64)));

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Message_shorter_than_the_8_byte_header_is_dropped_as_TooShort(int length) =>
        Assert.Equal(DropReason.TooShort, Decode(V3IPv4()[..length], MulticastV4()));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(15)]
    public void Version_other_than_2_or_3_is_dropped_as_BadVersion(int version)
    {
        var message = V3IPv4();
        message[0] = (byte)((version << 4) | 1);
        Assert.Equal(DropReason.BadVersion, Decode(Reseal(message, MulticastV4(), ChecksumForm.PseudoHeader), MulticastV4()));
    }

    [Fact]
    public void Version_2_over_IPv6_is_dropped_as_BadVersion()
    {
        var message = V3IPv6();
        message[0] = 0x21;
        Assert.Equal(DropReason.BadVersion, Decode(Reseal(message, MulticastV6(), ChecksumForm.PseudoHeader), MulticastV6()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(15)]
    public void Type_other_than_advertisement_is_dropped_as_BadType(int type)
    {
        var message = V2Pass();
        message[0] = (byte)(0x20 | type);
        Assert.Equal(DropReason.BadType, Decode(Reseal(message, MulticastV4(), ChecksumForm.MessageOnly), MulticastV4()));
    }

    [Fact]
    public void Count_larger_than_the_addresses_present_is_dropped_as_BadLength()
    {
        var message = V3IPv4();
        message[3] = 3;
        Assert.Equal(DropReason.BadLength, Decode(Reseal(message, MulticastV4(), ChecksumForm.PseudoHeader), MulticastV4()));
    }

    [Fact]
    public void Trailing_bytes_after_the_address_list_are_dropped_as_BadLength()
    {
        var message = V3IPv6().Concat(new byte[16]).ToArray();
        Assert.Equal(DropReason.BadLength, Decode(message, MulticastV6()));
    }

    [Fact]
    public void V2_advert_without_its_8_auth_bytes_is_dropped_as_BadLength()
    {
        var message = V2Pass()[..^8];
        Assert.Equal(DropReason.BadLength, Decode(Reseal(message, MulticastV4(), ChecksumForm.MessageOnly), MulticastV4()));
    }

    [Fact]
    public void IPv6_advert_read_with_IPv4_address_size_is_dropped_as_BadLength() =>
        Assert.Equal(DropReason.BadLength, Decode(V3IPv6(), MulticastV4()));

    [Fact]
    public void Corrupted_checksum_is_dropped_as_BadChecksum()
    {
        foreach (var (message, info) in new[] { (V2Pass(), MulticastV4()), (V3IPv4(), MulticastV4()), (V3IPv6(), MulticastV6()) })
        {
            message[6] ^= 0x01;
            Assert.Equal(DropReason.BadChecksum, Decode(message, info));
        }
    }

    [Fact]
    public void V2_checksum_computed_with_a_pseudo_header_is_dropped_as_BadChecksum()
    {
        var message = Reseal(V2Pass(), MulticastV4(), ChecksumForm.PseudoHeader);
        Assert.Equal(DropReason.BadChecksum, Decode(message, MulticastV4()));
    }

    [Fact]
    public void V3_IPv6_checksum_without_the_pseudo_header_is_dropped_as_BadChecksum()
    {
        var message = Reseal(V3IPv6(), MulticastV6(), ChecksumForm.MessageOnly);
        Assert.Equal(DropReason.BadChecksum, Decode(message, MulticastV6()));
    }

    [Fact]
    public void V3_IPv4_checksum_over_a_different_source_is_dropped_as_BadChecksum()
    {
        var message = V3IPv4(ChecksumForm.PseudoHeader);
        var spoofed = new PacketInfo(IpFamily.IPv4, PeerV4, IpAddr.VrrpMulticastV4, 255, true);
        Assert.Equal(DropReason.BadChecksum, Decode(message, spoofed));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(255)]
    public void V2_auth_type_other_than_none_or_simple_text_is_dropped_as_BadAuthType(byte authType)
    {
        var message = V2Pass();
        message[4] = authType;
        Assert.Equal(DropReason.BadAuthType, Decode(Reseal(message, MulticastV4(), ChecksumForm.MessageOnly), MulticastV4()));
    }

    [Fact]
    public void Vrid_zero_is_dropped_as_BadVrid()
    {
        var message = V3IPv4();
        message[1] = 0;
        Assert.Equal(DropReason.BadVrid, Decode(Reseal(message, MulticastV4(), ChecksumForm.PseudoHeader), MulticastV4()));
    }

    [Fact]
    public void V2_interval_of_zero_seconds_is_dropped_as_ZeroInterval()
    {
        var message = V2Pass();
        message[5] = 0;
        Assert.Equal(DropReason.ZeroInterval, Decode(Reseal(message, MulticastV4(), ChecksumForm.MessageOnly), MulticastV4()));
    }

    [Fact]
    public void V3_interval_of_zero_centiseconds_is_dropped_as_ZeroInterval_even_with_reserved_bits_set()
    {
        var message = V3IPv6();
        message[4] = 0xF0;
        message[5] = 0;
        Assert.Equal(DropReason.ZeroInterval, Decode(Reseal(message, MulticastV6(), ChecksumForm.PseudoHeader), MulticastV6()));
    }

    // The link-local source rule follows the instance (Instance: NotLinkLocal unless it has unicast peers).
    [Fact]
    public void IPv6_advert_from_a_global_source_is_left_to_the_instance()
    {
        var info = new PacketInfo(IpFamily.IPv6, IpAddr.Parse("2001:db8::10"), IpAddr.VrrpMulticastV6, 255, true);
        Assert.Equal(DropReason.None, Decode(V3IPv6(info), info));
    }

    // RFC 9568 §7.1 makes the address check a MAY; keepalived and FRR send the global VIP first.
    [Fact]
    public void IPv6_advert_whose_first_address_is_global_as_keepalived_and_frr_send_it_is_accepted()
    {
        var message = V3IPv6(null, IpAddr.Parse("2001:db8::53"), IpAddr.Parse("fe80::53"));
        Assert.Equal(DropReason.None, VrrpCodec.Decode(message, MulticastV6(), out var advert));
        Assert.Equal(IpAddr.Parse("2001:db8::53"), advert.Address(0));
    }

    [Fact]
    public void V3_advert_with_no_addresses_is_syntactically_valid_and_left_to_the_instance()
    {
        var empty = Array.Empty<IpAddr>();
        var message = Encode(new AdvertFields
        {
            Version = VrrpVersion.V3, Family = IpFamily.IPv6, Vrid = 9, Priority = 100, Interval = new Centiseconds(100), Addresses = empty,
        }, MulticastV6(), ChecksumForm.PseudoHeader);
        Assert.Equal(DropReason.None, VrrpCodec.Decode(message, MulticastV6(), out var advert));
        Assert.Equal(0, advert.CountIpAddrs);
    }

    [Fact]
    public void Reserved_bits_of_a_v3_advert_are_ignored_on_receive()
    {
        var message = V3IPv4();
        message[4] |= 0xF0;
        Reseal(message, MulticastV4(), ChecksumForm.PseudoHeader);
        Assert.Equal(DropReason.None, VrrpCodec.Decode(message, MulticastV4(), out var advert));
        Assert.Equal(50, advert.MaxAdvertInterval.Value);
    }

    [Fact]
    public void Packet_info_without_a_family_is_dropped_as_BadIpHeader() =>
        Assert.Equal(DropReason.BadIpHeader, Decode(V3IPv4(), default));

    [Fact]
    public void Failed_decode_leaves_the_advert_empty()
    {
        Assert.Equal(DropReason.BadTtl, VrrpCodec.Decode(V2Pass(), MulticastV4(ttl: 1), out var advert));
        Assert.Equal(0, advert.Vrid);
        Assert.True(advert.AddressBytes.IsEmpty);
    }
}
