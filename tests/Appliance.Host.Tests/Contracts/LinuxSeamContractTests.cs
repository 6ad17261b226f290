using Appliance.Platform.Linux.Netlink;
using Appliance.Platform.Linux.Packet;
using Appliance.Platform.Linux.Sockets;
using Appliance.Testing.Lab;

namespace Appliance.Host.Tests.Contracts;

// The Linux seams, each in network namespaces the test creates and removes (skipped without root).

public sealed class VrrpSocketContractTests : AdvertSocketContract
{
    protected override Pair Open(IpFamily family)
    {
        LabRequirements.RequireNamespaces();
        var lab = BridgeLab.Create(2);
        try
        {
            var group = family == IpFamily.IPv4 ? IpAddr.VrrpMulticastV4 : IpAddr.VrrpMulticastV6;
            var a = family == IpFamily.IPv4 ? IpAddr.Parse(BridgeLab.RouterV4(1)) : LinkLocal(lab.Routers[0]);
            var b = family == IpFamily.IPv4 ? IpAddr.Parse(BridgeLab.RouterV4(2)) : LinkLocal(lab.Routers[1]);
            var rx = lab.Routers[1].Run(() => OpenSocket(family, group));
            var tx = lab.Routers[0].Run(() => OpenSocket(family, group));
            return new Pair(tx, a, rx, b, group, lab);
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private static VrrpSocket OpenSocket(IpFamily family, IpAddr group)
    {
        using var links = new LinkTable();
        return VrrpSocket.Open(family, "eth0", links.Find("eth0")!.Value.Index, group);
    }

    // The link-local address, once duplicate address detection has let it go (not tentative).
    private static IpAddr LinkLocal(NetNs ns)
    {
        IpAddr found = default;
        Poll.Require(() =>
        {
            string text = ns.Ip("-6", "-o", "addr", "show", "dev", "eth0", "scope", "link");
            if (text.Contains("tentative", StringComparison.Ordinal)) return false;
            return ns.Run(() =>
            {
                using var t = new AddressTable();
                foreach (var e in t.Dump(IpFamily.IPv6))
                    if (e.Prefix.Address.IsIPv6LinkLocal) { found = e.Prefix.Address; return true; }
                return false;
            });
        }, TimeSpan.FromSeconds(10), $"a usable link-local address in {ns.Name}");
        return found;
    }
}

public sealed class AddressTableContractTests : AddressManagerContract
{
    protected override Fixture Open()
    {
        var ns = OneVeth.Create(out int index);
        try
        {
            var table = ns.Run(() => new AddressTable());
            return new Fixture(table, index, "vip0", new Owners(table, ns));
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }
}

public sealed class LinkMonitorContractTests : LinkEventsContract
{
    protected override Fixture Open()
    {
        var ns = OneVeth.Create(out int index);
        try
        {
            var monitor = ns.Run(() => new LinkMonitor());
            return new Fixture(monitor, index, () => ns.Ip("link", "set", "vip0", "down"), () => ns.Ip("link", "set", "vip0", "up"),
                new Owners(monitor, ns));
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }
}

public sealed class PacketSocketContractTests : FrameSenderContract
{
    protected override Fixture Open()
    {
        var ns = OneVeth.Create(out int index);
        try
        {
            var packet = ns.Run(() => new PacketSocket());
            return new Fixture(packet, index, new Owners(packet, ns));
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }
}

/// <summary>A namespace with one veth pair, both ends up; the seam under test uses <c>vip0</c>
/// (veth, because not every kernel the tests run on has the dummy module).</summary>
internal static class OneVeth
{
    public static NetNs Create(out int index)
    {
        LabRequirements.RequireNamespaces();
        string token = "seam" + Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant()[..6];
        var ns = NetNs.Create(token);
        try
        {
            ns.Ip("link", "add", "vip0", "type", "veth", "peer", "name", "vip1");
            ns.Ip("link", "set", "vip1", "up");
            ns.Ip("link", "set", "vip0", "up");
            index = ns.Run(() =>
            {
                using var links = new LinkTable();
                return links.Find("vip0")!.Value.Index;
            });
            return ns;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }
}

/// <summary>Disposes in order: the seam first, then its namespace.</summary>
internal sealed class Owners(params IDisposable[] owned) : IDisposable
{
    public void Dispose()
    {
        foreach (var d in owned) d.Dispose();
    }
}
