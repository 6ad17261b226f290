using Appliance.Platform.Linux.HeartbeatLink;
using Appliance.Testing.Lab;
using Appliance.Vrrp;

namespace Appliance.Platform.Linux.Tests.HeartbeatLink;

/// <summary>The direct-link channel between two namespaces joined by a veth pair (and a bridge for the LAN).</summary>
public sealed class HeartbeatLinkSocketTests
{
    private static HeartbeatLinkSocket Open(int side)
    {
        var s = new HeartbeatLinkSocket("hb0", IpAddr.Parse(DirectLink.Address(side)), IpAddr.Parse(DirectLink.Address(3 - side)), 7112);
        Assert.True(s.TryOpen(), s.LastError);
        return s;
    }

    [SkippableFact]
    public void Datagram_from_the_peer_arrives_whole()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        DirectLink.Create(lab.Routers[0], lab.Routers[1], lab.Token);
        using var rx = lab.Routers[1].Run(() => Open(2));
        using var tx = lab.Routers[0].Run(() => Open(1));
        byte[] payload = [0xA5, 0x5A, 1, 2, 3, 4, 5];
        var buffer = new byte[2048];
        int n = 0;
        Poll.Require(() =>
        {
            tx.Send(payload);
            n = rx.Receive(buffer);
            return n > 0;
        }, TimeSpan.FromSeconds(5), "the datagram on the other side", () => tx.LastError ?? "");
        Assert.Equal(payload, buffer[..n]);
    }

    [SkippableFact]
    public void Datagram_from_another_address_is_refused_and_counted()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        DirectLink.Create(lab.Routers[0], lab.Routers[1], lab.Token);
        using var rx = lab.Routers[1].Run(() => Open(2));
        // Router 1 adds a second address on the link and sends from it: not the configured peer.
        lab.Routers[0].Ip("addr", "add", "10.201.0.5/24", "dev", "hb0");
        using var stranger = lab.Routers[0].Run(() =>
        {
            var s = new HeartbeatLinkSocket("hb0", IpAddr.Parse("10.201.0.5"), IpAddr.Parse(DirectLink.Address(2)), 7112);
            Assert.True(s.TryOpen(), s.LastError);
            return s;
        });
        var buffer = new byte[2048];
        Poll.Require(() =>
        {
            stranger.Send([1, 2, 3]);
            Assert.Equal(0, rx.Receive(buffer));
            return rx.ForeignDatagrams > 0;
        }, TimeSpan.FromSeconds(5), "the foreign datagram to be counted");
    }

    [SkippableFact]
    public void Socket_bound_to_the_direct_link_does_not_hear_the_same_port_on_the_lan()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        DirectLink.Create(lab.Routers[0], lab.Routers[1], lab.Token);
        // Router 2 also holds its link address on the LAN side: only SO_BINDTODEVICE keeps LAN datagrams out.
        lab.Routers[1].Ip("addr", "add", "10.201.0.2/32", "dev", "eth0");
        using var rx = lab.Routers[1].Run(() => Open(2));
        lab.Routers[0].Ip("route", "add", "10.201.0.2/32", "dev", "eth0");
        lab.Routers[0].Ip("addr", "add", "10.201.0.1/32", "dev", "eth0");
        using var lanSender = lab.Routers[0].Run(() =>
        {
            var s = new HeartbeatLinkSocket("eth0", IpAddr.Parse("10.201.0.1"), IpAddr.Parse("10.201.0.2"), 7112);
            Assert.True(s.TryOpen(), s.LastError);
            return s;
        });
        // A witness on router 2's LAN side, same address and port, bound to eth0: it proves the datagrams arrived.
        using var witness = lab.Routers[1].Run(() =>
        {
            var s = new HeartbeatLinkSocket("eth0", IpAddr.Parse("10.201.0.2"), IpAddr.Parse("10.201.0.1"), 7112);
            Assert.True(s.TryOpen(), s.LastError);
            return s;
        });
        var buffer = new byte[2048];
        Poll.Require(() =>
        {
            lanSender.Send([9, 9, 9]);
            return witness.Receive(buffer) == 3;
        }, TimeSpan.FromSeconds(5), "the LAN datagram at the witness", () => lanSender.LastError ?? "");
        Assert.Equal(0, rx.Receive(buffer));
        Assert.Equal(0, rx.ForeignDatagrams);
    }

    [Fact]
    public void Binding_to_an_address_we_do_not_have_fails_with_a_reason()
    {
        using var s = new HeartbeatLinkSocket("lo", IpAddr.Parse("192.0.2.77"), IpAddr.Parse("192.0.2.78"), 7112);
        Assert.False(s.TryOpen());
        Assert.NotNull(s.LastError);
        Assert.False(s.IsOpen);
    }
}
