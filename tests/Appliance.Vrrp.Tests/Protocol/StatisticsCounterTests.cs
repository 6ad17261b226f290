using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>The counters RFC 6527 (VRRPv3 MIB) asks for that the instance itself must keep:
/// priority-zero adverts sent and the reason of the last protocol error.</summary>
public class StatisticsCounterTests
{
    [Fact]
    public void Master_shutdown_counts_one_priority_zero_advert_sent()
    {
        var h = new InstanceHarness();
        h.Startup(at: 0);
        h.Tick(3.609375);
        Assert.Equal(VrrpState.Master, h.Instance.State);
        long sentBefore = h.Instance.AdvertsSent;
        Assert.Equal(0, h.Instance.PriorityZeroSent);

        h.Shutdown(at: 5);

        Assert.Equal(1, h.Instance.PriorityZeroSent);
        Assert.Equal(sentBefore + 1, h.Instance.AdvertsSent);
    }

    [Fact]
    public void Backup_shutdown_sends_no_priority_zero_advert()
    {
        var h = new InstanceHarness();
        h.Startup(at: 0);
        h.Shutdown(at: 1);
        Assert.Equal(0, h.Instance.PriorityZeroSent);
    }

    [Fact]
    public void Last_protocol_error_is_none_until_a_ttl_error_and_survives_later_non_protocol_drops()
    {
        var h = new InstanceHarness();
        h.Startup(at: 0);
        Assert.Equal(DropReason.None, h.Instance.LastProtocolError);

        h.Receive(h.Advert(200), Higher, at: 1, ttl: 64);
        Assert.Equal(DropReason.BadTtl, h.Instance.LastProtocolError);

        // A v2 advert to a v3 instance: a version error replaces it.
        h.Receive(Appliance.Testing.Simulation.AdvertSpec.For(Settings(version: VrrpVersion.V2), 200), Higher, at: 1.5);
        Assert.Equal(DropReason.VersionMismatch, h.Instance.LastProtocolError);

        // Our own advert looped back is a drop, not a protocol error: the reason stays.
        h.Receive(h.Advert(200), Us, at: 2);
        Assert.Equal(1, h.Instance.DropCount(DropReason.OwnPacket));
        Assert.Equal(DropReason.VersionMismatch, h.Instance.LastProtocolError);
    }
}
