using Appliance.Platform.Linux.Netlink;
using Appliance.Testing.Lab;
using Appliance.Vrrp;
using Appliance.Vrrp.Seams;

namespace Appliance.Platform.Linux.Tests.Netlink;

public sealed class AddressTableTests
{
    [SkippableFact]
    public void Vip_added_with_label_shows_in_dump_and_is_removed_again_idempotently()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        lab.Routers[0].Run(() =>
        {
            using var links = new LinkTable();
            using var table = new AddressTable();
            int eth0 = links.Find("eth0")!.Value.Index;
            var vip = new AddressRequest(eth0, IpPrefix.Parse("10.200.0.254/24"), Label: "eth0:vip");
            Assert.Equal(0, table.Add(vip).Value);
            Assert.Equal(0, table.Add(vip).Value);
            var found = table.Dump(IpFamily.IPv4, eth0).Find(a => a.Prefix.Address == IpAddr.Parse("10.200.0.254"));
            Assert.Equal(24, found.Prefix.PrefixLength);
            Assert.True(found.IsSecondary, "a VIP in the primary's subnet is a secondary address");
            Assert.Equal("eth0:vip", found.Label);
            Assert.Equal(0, table.Delete(vip).Value);
            Assert.Equal(0, table.Delete(vip).Value);
            Assert.DoesNotContain(table.Dump(IpFamily.IPv4, eth0), a => a.Prefix.Address == IpAddr.Parse("10.200.0.254"));
        });
        Assert.DoesNotContain("10.200.0.254", BridgeLab.Addresses(lab.Routers[0]));
    }

    [SkippableFact]
    public void Ipv6_vip_is_added_without_dad_so_it_is_usable_at_once()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        lab.Routers[0].Ip("link", "set", "eth0", "down");
        lab.Routers[0].Exec("sysctl", "-qw", "net.ipv6.conf.eth0.accept_dad=1");
        lab.Routers[0].Ip("link", "set", "eth0", "up");
        lab.Routers[0].Run(() =>
        {
            using var links = new LinkTable();
            using var table = new AddressTable();
            int eth0 = links.Find("eth0")!.Value.Index;
            Assert.Equal(0, table.Add(new AddressRequest(eth0, IpPrefix.Parse("fd00:200::254/64"), NoDad: true)).Value);
            Assert.Equal(0, table.Add(new AddressRequest(eth0, IpPrefix.Parse("fe80::254/64"), Scope: 253, NoDad: true)).Value);
        });
        string addrs = BridgeLab.Addresses(lab.Routers[0]);
        Assert.Contains("fd00:200::254/64", addrs);
        Assert.Contains("fe80::254/64", addrs);
        Assert.DoesNotContain("tentative", addrs.Split('\n').First(l => l.Contains("fd00:200::254")));
    }

    [SkippableFact]
    public void Vmac_macvlan_is_created_in_private_mode_with_the_virtual_mac_and_deleted()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        lab.Routers[0].Run(() =>
        {
            using var links = new LinkTable();
            var eth0 = links.Find("eth0")!.Value;
            var vmac = MacAddress.Virtual(IpFamily.IPv4, 51);
            Assert.Equal(0, links.CreateMacvlan("vrrp.51", eth0.Index, vmac).Value);
            var l = links.Find("vrrp.51")!.Value;
            Assert.Equal("macvlan", l.Kind);
            Assert.Equal(eth0.Index, l.ParentIndex);
            Assert.Equal("00:00:5e:00:01:33", l.Mac.ToString());
            Assert.Equal(0, links.CreateMacvlan("vrrp.51", eth0.Index, vmac).Value);
        });
        Assert.Contains("macvlan mode private", lab.Routers[0].Ip("-d", "link", "show", "vrrp.51"));
        lab.Routers[0].Run(() =>
        {
            using var links = new LinkTable();
            Assert.Equal(0, links.Delete(links.Find("vrrp.51")!.Value.Index).Value);
            Assert.Null(links.Find("vrrp.51"));
        });
    }

    [SkippableFact]
    public void Link_monitor_reports_carrier_loss_and_return()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var (monitor, eth0) = lab.Routers[0].Run(() =>
        {
            using var links = new LinkTable();
            return (new LinkMonitor(), links.Find("eth0")!.Value.Index);
        });
        using (monitor)
        {
            lab.CutLink(1);
            Poll.Require(() => Drain(monitor, eth0) == false, TimeSpan.FromSeconds(5), "a not-operational event for eth0");
            lab.RestoreLink(1);
            Poll.Require(() => Drain(monitor, eth0) == true, TimeSpan.FromSeconds(5), "an operational event for eth0");
        }
    }

    private static bool? Drain(LinkMonitor m, int index)
    {
        bool? last = null;
        while (m.TryRead(out var e))
            if (e.InterfaceIndex == index) last = e.Operational;
        return last;
    }
}
