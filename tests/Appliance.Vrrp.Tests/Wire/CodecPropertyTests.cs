using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using CsCheck;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>Properties over random input: what we write we read back, and no bytes make the decoder throw.</summary>
public class CodecPropertyTests
{
    /// <summary>One random but valid advert and the packet around it.</summary>
    public sealed record AdvertCase(VrrpVersion Version, IpFamily Family, byte Vrid, byte Priority, int Interval,
        AuthType AuthType, byte[] AuthData, IpAddr[] Addresses, IpAddr Source, IpAddr Destination, ChecksumForm Form)
    {
        public AdvertFields Fields => new()
        {
            Version = Version, Family = Family, Vrid = Vrid, Priority = Priority, Interval = new Centiseconds(Interval),
            AuthType = AuthType, AuthData = AuthData, Addresses = Addresses,
        };

        public PacketInfo Info => new(Family, Source, Destination, 255, checkTtl: true);

        public override string ToString() =>
            $"v{(int)Version} {Family} vrid {Vrid} prio {Priority} int {Interval} auth {AuthType}/{AuthData.Length} " +
            $"[{string.Join(", ", Addresses)}] {Source} -> {Destination} {Form}";
    }

    private static readonly Gen<IpAddr> s_v4 = Gen.UInt.Select(IpAddr.FromV4);

    private static readonly Gen<IpAddr> s_v6 = Gen.Byte.Array[16].Select(b => IpAddr.FromV6(b));

    private static readonly Gen<IpAddr> s_linkLocal = Gen.Byte.Array[16].Select(b =>
    {
        b[0] = 0xFE;
        b[1] = (byte)(0x80 | (b[1] & 0x3F));
        return IpAddr.FromV6(b);
    });

    private static readonly Gen<ChecksumForm> s_form =
        Gen.OneOfConst(ChecksumForm.MessageOnly, ChecksumForm.PseudoHeader, ChecksumForm.PseudoHeaderMulticastDestination);

    private static readonly Gen<AdvertCase> s_v2 =
        from vrid in Gen.Int[1, 255]
        from priority in Gen.Byte
        from seconds in Gen.Int[1, 255]
        from auth in Gen.OneOfConst(AuthType.None, AuthType.SimpleText)
        from authData in Gen.OneOf(Gen.Const(Array.Empty<byte>()), Gen.Byte.Array[8])
        from addresses in s_v4.Array[0, 20]
        from source in s_v4
        from destination in Gen.OneOf(Gen.Const(IpAddr.VrrpMulticastV4), s_v4)
        from form in s_form
        select new AdvertCase(VrrpVersion.V2, IpFamily.IPv4, (byte)vrid, priority, seconds * 100, auth, authData,
            addresses, source, destination, form);

    private static readonly Gen<AdvertCase> s_v3IPv4 =
        from vrid in Gen.Int[1, 255]
        from priority in Gen.Byte
        from interval in Gen.Int[1, 4095]
        from addresses in s_v4.Array[0, 20]
        from source in s_v4
        from destination in Gen.OneOf(Gen.Const(IpAddr.VrrpMulticastV4), s_v4)
        from form in s_form
        select new AdvertCase(VrrpVersion.V3, IpFamily.IPv4, (byte)vrid, priority, interval, AuthType.None, [],
            addresses, source, destination, form);

    private static readonly Gen<AdvertCase> s_v3IPv6 =
        from vrid in Gen.Int[1, 255]
        from priority in Gen.Byte
        from interval in Gen.Int[1, 4095]
        from first in s_linkLocal
        from rest in s_v6.Array[0, 10]
        from withAddresses in Gen.Bool
        from source in s_linkLocal
        from destination in Gen.OneOf(Gen.Const(IpAddr.VrrpMulticastV6), s_linkLocal, s_v6)
        from form in s_form
        select new AdvertCase(VrrpVersion.V3, IpFamily.IPv6, (byte)vrid, priority, interval, AuthType.None, [],
            withAddresses ? [first, .. rest] : [], source, destination, form);

    private static readonly Gen<AdvertCase> s_anyAdvert = Gen.OneOf(s_v2, s_v3IPv4, s_v3IPv6);

    [Fact]
    public void Decode_of_encode_returns_every_field_for_all_versions_families_and_checksum_forms() =>
        s_anyAdvert.Sample(c =>
        {
            var buffer = new byte[VrrpCodec.MaxMessageSize(c.Family)];
            int n = VrrpCodec.Encode(buffer, c.Fields, c.Source, c.Destination, c.Form);
            var message = buffer.AsSpan(0, n);

            Assert.Equal(DropReason.None, VrrpCodec.Decode(message, c.Info, out var advert));
            Assert.Equal(c.Version, advert.Version);
            Assert.Equal(c.Family, advert.Family);
            Assert.Equal(c.Vrid, advert.Vrid);
            Assert.Equal(c.Priority, advert.Priority);
            Assert.Equal(c.Interval, advert.MaxAdvertInterval.Value);
            Assert.Equal(c.Version == VrrpVersion.V2 ? c.AuthType : AuthType.None, advert.AuthType);
            Assert.Equal(c.Addresses.Length, advert.CountIpAddrs);
            for (int i = 0; i < c.Addresses.Length; i++) Assert.Equal(c.Addresses[i], advert.Address(i));
            if (c.Version == VrrpVersion.V2)
                Assert.Equal(c.AuthData.Length == 0 ? new byte[8] : c.AuthData, advert.AuthData.ToArray());

            // The form sent is the form reported, unless two forms give the same checksum for this packet
            // (the pseudo-header summing to zero, or a multicast destination making the old form the new one).
            var sent = VrrpCodec.EffectiveChecksumForm(c.Fields, c.Form);
            if (advert.ChecksumForm != sent)
            {
                var again = new byte[n];
                VrrpCodec.Encode(again, c.Fields, c.Source, c.Destination, advert.ChecksumForm);
                Assert.Equal(message.ToArray(), again);
            }
        }, iter: 5_000);

    [Fact]
    public void IPv4_packet_round_trips_through_DecodeIPv4() =>
        Gen.OneOf(s_v2, s_v3IPv4).Sample(c =>
        {
            var buffer = new byte[VrrpCodec.MaxIPv4PacketSize];
            int n = VrrpCodec.EncodeIPv4Packet(buffer, c.Fields, c.Source, c.Destination, c.Form);
            Assert.Equal(DropReason.None, VrrpCodec.DecodeIPv4(buffer.AsSpan(0, n), checkTtl: true, out var advert, out var info));
            Assert.Equal(c.Source, info.Source);
            Assert.Equal(c.Destination, info.Destination);
            Assert.Equal(c.Vrid, advert.Vrid);
            Assert.Equal(c.Addresses.Length, advert.CountIpAddrs);
        }, iter: 2_000);

    [Fact]
    public void Random_bytes_never_throw_from_Decode() =>
        Gen.Select(Gen.Byte.Array[0, 80], Gen.Bool, Gen.Byte, Gen.Bool).Sample((bytes, v6, ttl, checkTtl) =>
        {
            var info = v6
                ? new PacketInfo(IpFamily.IPv6, IpAddr.Parse("fe80::1"), IpAddr.VrrpMulticastV6, ttl, checkTtl)
                : new PacketInfo(IpFamily.IPv4, IpAddr.Parse("192.0.2.1"), IpAddr.VrrpMulticastV4, ttl, checkTtl);
            var result = VrrpCodec.Decode(bytes, info, out _);
            Assert.True(Enum.IsDefined(result));
        }, iter: 20_000);

    [Fact]
    public void Random_bytes_never_throw_from_DecodeIPv4() =>
        Gen.Select(Gen.Byte.Array[0, 80], Gen.Bool).Sample((bytes, checkTtl) =>
        {
            var result = VrrpCodec.DecodeIPv4(bytes, checkTtl, out _, out _);
            Assert.True(Enum.IsDefined(result));
        }, iter: 20_000);

    [Fact]
    public void Valid_adverts_with_random_bytes_overwritten_never_throw_and_are_dropped_or_still_read_in_bounds() =>
        Gen.Select(s_anyAdvert, Gen.Int[0, 4095], Gen.Byte, Gen.Int[0, 4]).Sample((c, at, value, trim) =>
        {
            var buffer = new byte[VrrpCodec.MaxMessageSize(c.Family)];
            int n = VrrpCodec.Encode(buffer, c.Fields, c.Source, c.Destination, c.Form);
            var message = buffer.AsSpan(0, Math.Max(0, n - trim));
            if (message.Length > 0) message[at % message.Length] = value;
            if (VrrpCodec.Decode(message, c.Info, out var advert) == DropReason.None)
                for (int i = 0; i < advert.CountIpAddrs; i++) advert.Address(i);
        }, iter: 20_000);
}
