using Appliance.Vrrp.Seams;
using Appliance.Vrrp.Wire;

namespace Appliance.Host.Tests.Contracts;

/// <summary>
/// What every <see cref="IFrameSender"/> must do: a gratuitous ARP or unsolicited NA goes out of an
/// existing interface; a frame shorter than an Ethernet header is refused with EINVAL; an interface
/// that does not exist is an error, not a silent success.
/// </summary>
public abstract class FrameSenderContract
{
    /// <summary>A frame sender on a host with one up interface.</summary>
    protected sealed record Fixture(IFrameSender Sender, int InterfaceIndex, IDisposable Owner) : IDisposable
    {
        public void Dispose() => Owner.Dispose();
    }

    /// <summary>Opens it (may skip when the environment cannot host it).</summary>
    protected abstract Fixture Open();

    [SkippableFact]
    public void Gratuitous_arp_and_unsolicited_na_go_out_of_an_existing_interface()
    {
        using var h = Open();
        var arp = new byte[ArpFrame.Length];
        ArpFrame.BuildGratuitous(arp, MacAddress.Virtual(IpFamily.IPv4, 51), IpAddr.Parse("192.0.2.10"));
        Assert.False(h.Sender.Send(h.InterfaceIndex, arp).Failed);
        var na = new byte[NeighborAdvertFrame.Length];
        NeighborAdvertFrame.Build(na, MacAddress.Virtual(IpFamily.IPv6, 51), IpAddr.Parse("fe80::1"), IpAddr.Parse("2001:db8::10"));
        Assert.False(h.Sender.Send(h.InterfaceIndex, na).Failed);
    }

    [SkippableFact]
    public void Frame_shorter_than_an_ethernet_header_is_refused_with_einval()
    {
        using var h = Open();
        Assert.Equal(22, h.Sender.Send(h.InterfaceIndex, new byte[13]).Errno);
    }

    [SkippableFact]
    public void Interface_that_does_not_exist_is_an_error()
    {
        using var h = Open();
        var arp = new byte[ArpFrame.Length];
        ArpFrame.BuildGratuitous(arp, MacAddress.Virtual(IpFamily.IPv4, 51), IpAddr.Parse("192.0.2.10"));
        Assert.True(h.Sender.Send(h.InterfaceIndex + 1000, arp).Failed);
    }
}
