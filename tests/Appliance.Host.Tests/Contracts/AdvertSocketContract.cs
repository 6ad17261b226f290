using Appliance.Testing.Lab;
using Appliance.Vrrp.Seams;

namespace Appliance.Host.Tests.Contracts;

/// <summary>
/// What every <see cref="IAdvertSocket"/> must do, as the host relies on it: adverts leave with
/// TTL / hop limit 255, arrive with their source, destination (group or our unicast address) and
/// ifindex, IPv4 with its IP header and IPv6 without, the sender does not hear itself, and an empty
/// queue is "nothing", not an error. Run against the in-memory segment and the raw Linux socket.
/// </summary>
public abstract class AdvertSocketContract
{
    private static readonly byte[] s_payload = [0x31, 0x33, 0x64, 0x01, 0x00, 0x64, 0x00, 0x00, 10, 200, 0, 254];
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <summary>Two sockets of one family on one segment, with their own unicast addresses.</summary>
    protected sealed record Pair(IAdvertSocket A, IpAddr AddressA, IAdvertSocket B, IpAddr AddressB, IpAddr Group, IDisposable Owner) : IDisposable
    {
        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
            Owner.Dispose();
        }
    }

    /// <summary>Opens the pair (may skip when the environment cannot host it).</summary>
    protected abstract Pair Open(IpFamily family);

    [SkippableTheory]
    [InlineData(IpFamily.IPv4)]
    [InlineData(IpFamily.IPv6)]
    public void Multicast_advert_arrives_with_hop_limit_255_its_source_the_group_and_the_receiving_ifindex(IpFamily family)
    {
        using var p = Open(family);
        Assert.False(p.A.Send(s_payload, p.AddressA, p.Group).Failed);
        var (d, data) = Receive(p.B);
        Assert.Equal(family, d.Family);
        Assert.Equal(p.AddressA, d.Source);
        Assert.Equal(p.Group, d.Destination);
        Assert.False(d.IsUnicast);
        Assert.Equal(255, d.HopLimit);
        Assert.Equal(p.B.InterfaceIndex, d.InterfaceIndex);
        AssertPayload(family, data);
    }

    [SkippableTheory]
    [InlineData(IpFamily.IPv4)]
    [InlineData(IpFamily.IPv6)]
    public void Unicast_advert_arrives_marked_unicast_with_our_address_as_destination(IpFamily family)
    {
        using var p = Open(family);
        Assert.False(p.A.Send(s_payload, p.AddressA, p.AddressB).Failed);
        var (d, data) = Receive(p.B);
        Assert.True(d.IsUnicast);
        Assert.Equal(p.AddressB, d.Destination);
        Assert.Equal(p.AddressA, d.Source);
        AssertPayload(family, data);
    }

    [SkippableTheory]
    [InlineData(IpFamily.IPv4)]
    [InlineData(IpFamily.IPv6)]
    public void The_sender_does_not_hear_its_own_multicast_and_an_empty_queue_is_not_an_error(IpFamily family)
    {
        using var p = Open(family);
        Assert.False(p.B.TryReceive(new byte[2048], out _, out var idle));
        Assert.False(idle.Failed);
        Assert.False(p.A.Send(s_payload, p.AddressA, p.Group).Failed);
        Receive(p.B);
        Assert.False(p.A.TryReceive(new byte[2048], out _, out var e));
        Assert.False(e.Failed);
    }

    [SkippableTheory]
    [InlineData(IpFamily.IPv4)]
    [InlineData(IpFamily.IPv6)]
    public void Socket_reports_its_family_and_interface(IpFamily family)
    {
        using var p = Open(family);
        Assert.Equal(family, p.A.Family);
        Assert.Equal(family, p.B.Family);
        Assert.True(p.B.InterfaceIndex > 0);
        Assert.False(string.IsNullOrEmpty(p.B.InterfaceName));
    }

    private static (AdvertDatagram, byte[]) Receive(IAdvertSocket socket)
    {
        var buffer = new byte[2048];
        AdvertDatagram got = default;
        Poll.Require(() => socket.TryReceive(buffer, out got, out _), s_timeout, "the advert at the receiver");
        return (got, buffer[..got.Length]);
    }

    private static void AssertPayload(IpFamily family, byte[] data)
    {
        if (family == IpFamily.IPv4)
        {
            Assert.Equal(20 + s_payload.Length, data.Length);
            Assert.Equal(0x45, data[0]);
            Assert.Equal(255, data[8]);
            Assert.Equal(112, data[9]);
            Assert.Equal(s_payload, data[20..]);
        }
        else
        {
            Assert.Equal(s_payload, data);
        }
    }
}
