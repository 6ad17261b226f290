using System.Buffers.Binary;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Wire.WireSamples;

namespace Appliance.Vrrp.Tests.Wire;

public class EncodeTests
{
    private static byte[] V2WithInterval(int centiseconds) => Encode(new AdvertFields
    {
        Version = VrrpVersion.V2, Family = IpFamily.IPv4, Vrid = 1, Priority = 100, Interval = new Centiseconds(centiseconds), Addresses = VipsV4,
    }, MulticastV4(), ChecksumForm.MessageOnly);

    private static byte[] V3WithInterval(int centiseconds) => Encode(new AdvertFields
    {
        Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 1, Priority = 100, Interval = new Centiseconds(centiseconds), Addresses = VipsV4,
    }, MulticastV4(), ChecksumForm.PseudoHeader);

    [Theory]
    [InlineData(100, 1)]
    [InlineData(150, 2)]
    [InlineData(149, 1)]
    [InlineData(40, 1)]
    [InlineData(240, 2)]
    [InlineData(250, 3)]
    [InlineData(0, 1)]
    [InlineData(30000, 255)]
    public void V2_interval_is_whole_seconds_rounded_half_up_within_1_to_255_as_keepalived_does(int centiseconds, int seconds) =>
        Assert.Equal(seconds, V2WithInterval(centiseconds)[5]);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(50, 50)]
    [InlineData(4095, 4095)]
    [InlineData(5000, 4095)]
    [InlineData(0, 1)]
    public void V3_interval_is_12_bit_centiseconds(int centiseconds, int field) =>
        Assert.Equal(field, BinaryPrimitives.ReadUInt16BigEndian(V3WithInterval(centiseconds).AsSpan(4)));

    [Fact]
    public void V3_reserved_nibble_is_zero_on_send() => Assert.Equal(0, V3WithInterval(4095)[4] >> 4);

    [Fact]
    public void V2_without_auth_sends_eight_zero_auth_bytes()
    {
        var message = V2WithInterval(100);
        Assert.Equal(0, message[4]);
        Assert.Equal(new byte[8], message[^8..]);
    }

    [Theory]
    [InlineData(ChecksumForm.MessageOnly)]
    [InlineData(ChecksumForm.PseudoHeader)]
    [InlineData(ChecksumForm.PseudoHeaderMulticastDestination)]
    public void V3_IPv4_unicast_advert_is_checksummed_in_the_requested_form_and_decoded_as_that_form(ChecksumForm form)
    {
        var info = UnicastV4(ttl: 255);
        var message = V3IPv4(form, info);
        Assert.Equal(DropReason.None, VrrpCodec.Decode(message, info, out var advert));
        Assert.Equal(form, advert.ChecksumForm);
    }

    [Fact]
    public void The_three_v3_IPv4_forms_give_different_checksums_for_unicast()
    {
        var info = UnicastV4(ttl: 255);
        var checksums = new[] { ChecksumForm.MessageOnly, ChecksumForm.PseudoHeader, ChecksumForm.PseudoHeaderMulticastDestination }
            .Select(f => BinaryPrimitives.ReadUInt16BigEndian(V3IPv4(f, info).AsSpan(6))).Distinct().Count();
        Assert.Equal(3, checksums);
    }

    [Fact]
    public void Send_form_is_ignored_where_the_rfc_fixes_it()
    {
        Assert.Equal(V2Pass(), Encode(new AdvertFields
        {
            Version = VrrpVersion.V2, Family = IpFamily.IPv4, Vrid = 51, Priority = 200, Interval = Centiseconds.FromSeconds(1),
            AuthType = AuthType.SimpleText, AuthData = Password, Addresses = VipsV4,
        }, MulticastV4(), ChecksumForm.PseudoHeader));
        var v6 = Encode(new AdvertFields
        {
            Version = VrrpVersion.V3, Family = IpFamily.IPv6, Vrid = 53, Priority = 100, Interval = new Centiseconds(100), Addresses = VipsV6,
        }, MulticastV6(), ChecksumForm.MessageOnly);
        Assert.Equal(V3IPv6(), v6);
    }

    [Fact]
    public void Encode_returns_the_message_length_and_writes_nothing_beyond_it()
    {
        var buffer = new byte[100];
        Array.Fill(buffer, (byte)0xAA);
        int n = VrrpCodec.Encode(buffer, new AdvertFields
        {
            Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 5, Priority = 100, Interval = new Centiseconds(100), Addresses = VipsV4,
        }, RouterV4, IpAddr.VrrpMulticastV4, ChecksumForm.PseudoHeader);
        Assert.Equal(16, n);
        Assert.All(buffer[n..], b => Assert.Equal(0xAA, b));
    }

    [Fact]
    public void Max_message_size_fits_255_addresses()
    {
        Assert.Equal(8 + 255 * 4 + 8, VrrpCodec.MaxMessageSize(IpFamily.IPv4));
        Assert.Equal(8 + 255 * 16, VrrpCodec.MaxMessageSize(IpFamily.IPv6));
        var many = Enumerable.Range(0, 255).Select(i => IpAddr.FromV4(0x0A000000u + (uint)i)).ToArray();
        var message = V2Pass(many);
        Assert.Equal(VrrpCodec.MaxMessageSize(IpFamily.IPv4), message.Length);
        Assert.Equal(DropReason.None, VrrpCodec.Decode(message, MulticastV4(), out var advert));
        Assert.Equal(IpAddr.FromV4(0x0A0000FEu), advert.Address(254));
    }

    public static TheoryData<string> InvalidFields => new()
    {
        "v2 over IPv6", "vrid 0", "256 addresses", "mixed family", "v2 auth AH", "v2 auth 7 bytes", "v3 with auth", "version 4", "small buffer", "family mismatch",
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public void Fields_that_cannot_be_encoded_are_a_programmer_error(string what)
    {
        var buffer = new byte[4096];
        Assert.Throws<ArgumentException>(() =>
        {
            var v4 = new AdvertFields { Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 1, Priority = 100, Interval = new Centiseconds(100), Addresses = VipsV4 };
            var fields = what switch
            {
                "v2 over IPv6" => v4 with { Version = VrrpVersion.V2, Family = IpFamily.IPv6, Addresses = VipsV6 },
                "vrid 0" => v4 with { Vrid = 0 },
                "256 addresses" => v4 with { Addresses = new IpAddr[256] },
                "mixed family" => v4 with { Addresses = new[] { VipsV4[0], VipsV6[0] } },
                "v2 auth AH" => v4 with { Version = VrrpVersion.V2, AuthType = AuthType.IpAuthHeader },
                "v2 auth 7 bytes" => v4 with { Version = VrrpVersion.V2, AuthType = AuthType.SimpleText, AuthData = new byte[7] },
                "v3 with auth" => v4 with { AuthType = AuthType.SimpleText, AuthData = Password },
                "version 4" => v4 with { Version = (VrrpVersion)4 },
                _ => v4,
            };
            var destination = what == "small buffer" ? buffer.AsSpan(0, 15) : buffer.AsSpan();
            var source = what == "family mismatch" ? RouterV6 : RouterV4;
            VrrpCodec.Encode(destination, fields, source, IpAddr.VrrpMulticastV4, ChecksumForm.PseudoHeader);
        });
    }
}
