using Appliance.Platform.Linux.Netlink;
using Appliance.Platform.Linux.Sockets;
using Appliance.Testing.Lab;
using Appliance.Vrrp;

namespace Appliance.Platform.Linux.Tests.Sockets;

public sealed class VrrpSocketTests
{
    private static readonly byte[] s_payload = [0x31, 0x33, 0x64, 0x01, 0x00, 0x64, 0x00, 0x00, 10, 200, 0, 254];

    [SkippableFact]
    public void Ipv4_multicast_advert_arrives_with_ttl_255_ifindex_and_group_destination()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var (rx, rxIndex) = lab.Routers[1].Run(() => Open(IpFamily.IPv4, IpAddr.VrrpMulticastV4));
        using (rx)
        {
            lab.Routers[0].Run(() =>
            {
                var (tx, _) = Open(IpFamily.IPv4, IpAddr.VrrpMulticastV4);
                using (tx) Assert.Equal(0, tx.Send(s_payload, IpAddr.Parse(BridgeLab.RouterV4(1)), IpAddr.VrrpMulticastV4).Value);
            });
            byte[] got = [];
            IpAddr src = default, dst = default;
            int ifindex = 0;
            Poll.Require(() =>
            {
                if (!rx.TryReceive(out var p, out _)) return false;
                got = p.Data.ToArray();
                (src, dst, ifindex) = (p.Source, p.Destination, p.InterfaceIndex);
                return true;
            }, TimeSpan.FromSeconds(5), "the advert on router 2");
            Assert.Equal(20 + s_payload.Length, got.Length);
            Assert.Equal(255, got[8]);
            Assert.Equal(112, got[9]);
            Assert.Equal(0xC0, got[1]);
            Assert.Equal(s_payload, got[20..]);
            Assert.Equal(IpAddr.Parse(BridgeLab.RouterV4(1)), src);
            Assert.Equal(IpAddr.VrrpMulticastV4, dst);
            Assert.Equal(rxIndex, ifindex);
        }
    }

    [SkippableFact]
    public void Ipv6_multicast_advert_arrives_with_hop_limit_255_from_the_link_local_source()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var (rx, _) = lab.Routers[1].Run(() => Open(IpFamily.IPv6, IpAddr.VrrpMulticastV6));
        using (rx)
        {
            IpAddr linkLocal = lab.Routers[0].Run(() =>
            {
                using var t = new AddressTable();
                return t.Dump(IpFamily.IPv6).Find(a => a.Prefix.Address.IsIPv6LinkLocal).Prefix.Address;
            });
            lab.Routers[0].Run(() =>
            {
                var (tx, _) = Open(IpFamily.IPv6, IpAddr.VrrpMulticastV6);
                using (tx) Assert.Equal(0, tx.Send(s_payload, linkLocal, IpAddr.VrrpMulticastV6).Value);
            });
            byte hops = 0;
            IpAddr src = default, dst = default;
            Poll.Require(() =>
            {
                if (!rx.TryReceive(out var p, out _)) return false;
                (hops, src, dst) = (p.HopLimit, p.Source, p.Destination);
                return true;
            }, TimeSpan.FromSeconds(5), "the advert on router 2");
            Assert.Equal(255, hops);
            Assert.Equal(linkLocal, src);
            Assert.Equal(IpAddr.VrrpMulticastV6, dst);
        }
    }

    [SkippableFact]
    public void Unicast_advert_is_received_and_marked_unicast()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var (rx, _) = lab.Routers[1].Run(() => Open(IpFamily.IPv4, IpAddr.VrrpMulticastV4));
        using (rx)
        {
            lab.Routers[0].Run(() =>
            {
                var (tx, _) = Open(IpFamily.IPv4, IpAddr.VrrpMulticastV4);
                using (tx) Assert.Equal(0, tx.Send(s_payload, IpAddr.Parse(BridgeLab.RouterV4(1)), IpAddr.Parse(BridgeLab.RouterV4(2))).Value);
            });
            bool unicast = false;
            Poll.Require(() =>
            {
                if (!rx.TryReceive(out var p, out _)) return false;
                unicast = p.IsUnicast;
                return true;
            }, TimeSpan.FromSeconds(5), "the unicast advert");
            Assert.True(unicast);
        }
    }

    private static (VrrpSocket, int) Open(IpFamily family, IpAddr group)
    {
        using var links = new LinkTable();
        int index = links.Find("eth0")!.Value.Index;
        return (VrrpSocket.Open(family, "eth0", index, group), index);
    }
}
