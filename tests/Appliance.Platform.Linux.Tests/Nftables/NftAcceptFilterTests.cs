using System.Net;
using Appliance.Platform.Linux.Nftables;
using Appliance.Testing.Lab;

namespace Appliance.Platform.Linux.Tests.Nftables;

/// <summary>
/// Accept mode off, against the real kernel: the batch builds the table nft would show, local
/// delivery to the VIP stops (ping), IPv6 Neighbor Discovery for it still works, a second apply
/// replaces the first, and removing it leaves nothing behind.
/// </summary>
public sealed class NftAcceptFilterTests
{
    private static FilteredAddress A(string ip) => new(IPAddress.Parse(ip).GetAddressBytes());

    private static bool Ping(NetNs from, string ip) =>
        from.Exec("ping", ip.Contains(':') ? "-6" : "-4", "-c", "1", "-W", "1", ip).Code == 0;

    [SkippableFact]
    public void No_accept_drops_local_delivery_to_the_vips_answers_neighbor_discovery_and_is_removed_cleanly()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var r = lab.Routers[0];
        r.Ip("addr", "add", "10.200.0.254/24", "dev", "eth0");
        r.Ip("addr", "add", "fd00:200::254/64", "dev", "eth0", "nodad");
        Assert.True(Ping(lab.Client, "10.200.0.254"), "the VIP answers before the filter");
        Assert.True(Ping(lab.Client, "fd00:200::254"), "the IPv6 VIP answers before the filter");

        r.Run(() =>
        {
            using var filter = new NftAcceptFilter("appliance_test");
            Assert.Equal(0, filter.Apply([A("10.200.0.254"), A("fd00:200::254")]).Value);
        });
        string table = r.Exec("nft", "list", "table", "inet", "appliance_test").Stdout;
        Assert.Contains("hook input priority", table);
        Assert.Contains("ip daddr 10.200.0.254 drop", table);
        Assert.Contains("ip6 daddr fd00:200::254 drop", table);
        Assert.Contains("accept", table);

        Assert.False(Ping(lab.Client, "10.200.0.254"), $"the IPv4 VIP still answers:\n{table}");
        Assert.False(Ping(lab.Client, "fd00:200::254"), $"the IPv6 VIP still answers:\n{table}");
        Assert.True(Ping(lab.Client, BridgeLab.RouterV4(1)), "the router's own address is not filtered");
        // Neighbor Discovery still resolves the IPv6 VIP (RFC 9568 §6.4.3): the client learned it.
        lab.Client.Ip("-6", "neigh", "flush", "dev", "eth0");
        Ping(lab.Client, "fd00:200::254");
        string neigh = lab.Client.Ip("-6", "neigh", "show", "fd00:200::254");
        Assert.Contains("lladdr", neigh);

        // A second apply replaces the first, atomically: only the new address is filtered.
        r.Run(() =>
        {
            using var filter = new NftAcceptFilter("appliance_test");
            Assert.Equal(0, filter.Apply([A("fd00:200::254")]).Value);
        });
        Assert.True(Ping(lab.Client, "10.200.0.254"), "the IPv4 VIP is no longer filtered");
        Assert.False(Ping(lab.Client, "fd00:200::254"), "the IPv6 VIP is still filtered");

        r.Run(() =>
        {
            using var filter = new NftAcceptFilter("appliance_test");
            Assert.Equal(0, filter.Remove().Value);
            Assert.Equal(0, filter.Remove().Value); // idempotent: removing what is gone is fine
        });
        Assert.DoesNotContain("appliance_test", r.Exec("nft", "list", "tables").Stdout);
        Assert.True(Ping(lab.Client, "fd00:200::254"), "the IPv6 VIP answers again");
    }
}
