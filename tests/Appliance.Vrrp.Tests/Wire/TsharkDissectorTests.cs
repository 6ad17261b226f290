using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Wire.WireSamples;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>
/// An independent implementation judges our output: Wireshark's VRRP, ARP and ICMPv6 dissectors
/// (tshark validates VRRP and ICMPv6 checksums by default; for v3/IPv4 it expects the pseudo-header
/// unless <c>vrrp.v3_checksum_as_in_v2</c> is set).
/// </summary>
public sealed class TsharkDissectorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ap-codec-tshark-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void RequireTshark() =>
        Skip.If(Tshark.Path is null, "TSHARK IS NOT INSTALLED: the Wireshark cross-check of our encoder did NOT run (./build.sh setup installs it)");

    private static byte[] IPv4Packet(VrrpVersion version, IpAddr destination, ChecksumForm form)
    {
        var buffer = new byte[VrrpCodec.MaxIPv4PacketSize];
        int n = VrrpCodec.EncodeIPv4Packet(buffer, new AdvertFields
        {
            Version = version, Family = IpFamily.IPv4, Vrid = 51, Priority = 200, Interval = Centiseconds.FromSeconds(1),
            AuthType = version == VrrpVersion.V2 ? AuthType.SimpleText : AuthType.None,
            AuthData = version == VrrpVersion.V2 ? Password : default,
            Addresses = VipsV4,
        }, RouterV4, destination, form);
        return buffer[..n];
    }

    private static byte[] IPv6Packet(IpAddr destination)
    {
        var info = new PacketInfo(IpFamily.IPv6, RouterV6, destination, 255, true);
        return WithIPv6Header(V3IPv6(info), RouterV6, destination);
    }

    private string Pcap(string name, uint linkType, params byte[][] packets)
    {
        var path = Path.Combine(_directory, name);
        PcapFile.Write(path, linkType, packets);
        return path;
    }

    private static void AssertEveryVrrpChecksumGood(string verbose, int expectedFrames)
    {
        var frames = Tshark.Frames(verbose);
        Assert.Equal(expectedFrames, frames.Count);
        foreach (var frame in frames)
        {
            var vrrp = Tshark.Section(frame, "Virtual Router Redundancy Protocol");
            Assert.False(vrrp.Length == 0, "tshark did not dissect VRRP in:\n" + frame);
            Assert.Contains("[Checksum Status: Good]", vrrp);
        }
    }

    [SkippableFact]
    public void Tshark_reports_good_checksums_for_our_v2_v3_IPv4_and_v3_IPv6_adverts()
    {
        RequireTshark();
        var pcap = Pcap("adverts.pcap", PcapFile.LinkTypeRaw,
            IPv4Packet(VrrpVersion.V2, IpAddr.VrrpMulticastV4, ChecksumForm.MessageOnly),
            IPv4Packet(VrrpVersion.V3, IpAddr.VrrpMulticastV4, ChecksumForm.PseudoHeader),
            IPv4Packet(VrrpVersion.V3, PeerV4, ChecksumForm.PseudoHeader),
            IPv6Packet(IpAddr.VrrpMulticastV6),
            IPv6Packet(IpAddr.Parse("fe80::20")));
        var verbose = Tshark.Dissect(pcap, "-Y", "vrrp");
        AssertEveryVrrpChecksumGood(verbose, 5);
        Assert.Contains("Authentication String: golden12", verbose);
    }

    [SkippableFact]
    public void Tshark_with_v3_checksum_as_in_v2_reports_good_for_our_message_only_form()
    {
        RequireTshark();
        var pcap = Pcap("message-only.pcap", PcapFile.LinkTypeRaw,
            IPv4Packet(VrrpVersion.V3, IpAddr.VrrpMulticastV4, ChecksumForm.MessageOnly),
            IPv4Packet(VrrpVersion.V3, PeerV4, ChecksumForm.MessageOnly));
        AssertEveryVrrpChecksumGood(Tshark.Dissect(pcap, "-Y", "vrrp", "-o", "vrrp.v3_checksum_as_in_v2:TRUE"), 2);
    }

    [SkippableFact]
    public void Tshark_flags_a_corrupted_checksum_so_the_good_verdicts_mean_something()
    {
        RequireTshark();
        var bad = IPv4Packet(VrrpVersion.V3, IpAddr.VrrpMulticastV4, ChecksumForm.PseudoHeader);
        bad[VrrpCodec.IPv4HeaderLength + 6] ^= 0x10;
        var frame = Assert.Single(Tshark.Frames(Tshark.Dissect(Pcap("bad.pcap", PcapFile.LinkTypeRaw, bad), "-Y", "vrrp")));
        Assert.Contains("[Checksum Status: Bad]", Tshark.Section(frame, "Virtual Router Redundancy Protocol"));
    }

    [SkippableFact]
    public void Tshark_sees_our_garp_as_gratuitous_and_our_na_with_a_good_checksum_and_router_override_flags()
    {
        RequireTshark();
        var mac = MacAddress.Virtual(IpFamily.IPv4, 51);
        var garp = new byte[ArpFrame.Length];
        ArpFrame.BuildGratuitous(garp, mac, VipsV4[0]);
        var na = new byte[NeighborAdvertFrame.Length];
        NeighborAdvertFrame.Build(na, MacAddress.Virtual(IpFamily.IPv6, 53), RouterV6, VipsV6[1]);

        var frames = Tshark.Frames(Tshark.Dissect(Pcap("frames.pcap", PcapFile.LinkTypeEthernet, garp, na)));
        Assert.Equal(2, frames.Count);
        var arp = Tshark.Section(frames[0], "Address Resolution Protocol");
        Assert.Contains("[Is gratuitous: True]", arp);
        Assert.Contains("Opcode: request (1)", arp);
        var icmp = Tshark.Section(frames[1], "Internet Control Message Protocol v6");
        Assert.Contains("Type: Neighbor Advertisement (136)", icmp);
        Assert.Contains("[Checksum Status: Good]", icmp);
        Assert.Contains("Flags: 0xa0000000, Router, Override", icmp);
    }
}
