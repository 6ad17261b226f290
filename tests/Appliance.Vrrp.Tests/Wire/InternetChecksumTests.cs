using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Tests.Wire;

public class InternetChecksumTests
{
    [Fact]
    public void Sum_matches_the_worked_example_of_rfc_1071_section_3()
    {
        // 00 01 f2 03 f4 f5 f6 f7: one's-complement sum ddf2, checksum 220d.
        byte[] data = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7];
        Assert.Equal(0xDDF2, InternetChecksum.Fold(InternetChecksum.Add(0, data)));
        Assert.Equal(0x220D, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Odd_trailing_byte_is_padded_with_zero()
    {
        byte[] odd = [0x12, 0x34, 0x56];
        byte[] padded = [0x12, 0x34, 0x56, 0x00];
        Assert.Equal(InternetChecksum.Compute(padded), InternetChecksum.Compute(odd));
    }

    [Fact]
    public void Data_with_its_checksum_in_place_verifies()
    {
        byte[] data = [0x45, 0x00, 0x00, 0x1C, 0x00, 0x00, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00];
        ushort c = InternetChecksum.Compute(data);
        data[10] = (byte)(c >> 8);
        data[11] = (byte)c;
        Assert.True(InternetChecksum.Verifies(InternetChecksum.Add(0, data)));
    }

    [Fact]
    public void Summing_in_pieces_equals_summing_at_once()
    {
        var data = Enumerable.Range(0, 64).Select(i => (byte)(i * 37)).ToArray();
        ulong pieces = InternetChecksum.Add(InternetChecksum.Add(0, data.AsSpan(0, 20)), data.AsSpan(20));
        Assert.Equal(InternetChecksum.Compute(data), InternetChecksum.Finish(pieces));
    }

    [Fact]
    public void IPv4_pseudo_header_sum_equals_the_sum_of_its_12_bytes()
    {
        var src = IpAddr.Parse("192.0.2.10");
        var dst = IpAddr.Parse("224.0.0.18");
        byte[] bytes = [192, 0, 2, 10, 224, 0, 0, 18, 0, 112, 0, 36];
        Assert.Equal(InternetChecksum.Fold(InternetChecksum.Add(0, bytes)),
            InternetChecksum.Fold(InternetChecksum.PseudoHeaderIPv4(src, dst, 112, 36)));
    }

    [Fact]
    public void IPv6_pseudo_header_sum_equals_the_sum_of_its_40_bytes()
    {
        var src = IpAddr.Parse("fe80::5810:ebff:fecc:425d");
        var dst = IpAddr.Parse("ff02::12");
        var bytes = new byte[40];
        src.WriteTo(bytes);
        dst.WriteTo(bytes.AsSpan(16));
        bytes[35] = 40;
        bytes[39] = 112;
        Assert.Equal(InternetChecksum.Fold(InternetChecksum.Add(0, bytes)),
            InternetChecksum.Fold(InternetChecksum.PseudoHeaderIPv6(src, dst, 112, 40)));
    }
}
