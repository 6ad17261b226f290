using System.Collections.Immutable;
using Appliance.Config.Model;
using Appliance.Host.Logging;
using Appliance.Testing.Seams;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Seams;
using Appliance.Vrrp.Timing;
using Appliance.Vrrp.Wire;
using Serilog;

namespace Appliance.Host.Tests.Hosting;

/// <summary>
/// The host's own duties, without root: it performs the instance's actions on the seams (VIPs on
/// the address manager, adverts on the socket, GARPs on the frame sender), counts what failed and
/// keeps unicast instances deaf to strangers.
/// </summary>
public sealed class InstanceHostTests
{
    private static readonly ILogger s_silent = new LoggerConfiguration().MinimumLevel.Fatal().CreateLogger();
    private static readonly IpAddr s_vip = IpAddr.Parse("192.0.2.1");
    private static readonly IpAddr s_self = IpAddr.Parse("10.0.0.1");
    private static readonly IpAddr s_peer = IpAddr.Parse("10.0.0.2");

    private sealed record Rig(InstanceHost Host, VrrpLink Link, AdvertSegment Segment, InMemoryAdvertSocket Socket, InMemoryAdvertSocket Peer,
        InMemoryAddressTable Addresses, FrameRecorder Frames, DropLog DropLog);

    private static Rig Build(bool unicast = false, bool checkUnicastSource = false)
    {
        var settings = new InstanceSettings
        {
            Name = "VI_1", Vrid = 51, Priority = 150, AdvertInterval = new Centiseconds(100),
            VirtualAddresses = ImmutableArray.Create(s_vip),
            HasUnicastPeers = unicast,
            UnicastPeers = unicast ? ImmutableArray.Create(s_peer) : [],
            CheckUnicastSource = checkUnicastSource,
        };
        var segment = new AdvertSegment();
        var socket = segment.Attach(IpFamily.IPv4, s_self);
        var peer = segment.Attach(IpFamily.IPv4, s_peer);
        var link = new VrrpLink(socket);
        var addresses = new InMemoryAddressTable(2);
        var frames = new FrameRecorder(2);
        var arp = new byte[ArpFrame.Length];
        ArpFrame.BuildGratuitous(arp, MacAddress.Virtual(IpFamily.IPv4, 51), s_vip);
        var announcer = new Announcer([arp], frames, 2, new GarpSettings { MasterRepeat = 1, MasterDelay = Centiseconds.Zero }, IpFamily.IPv4);
        var config = new VrrpInstanceConfig
        {
            Protocol = settings, Interface = "eth0",
            UnicastPeers = unicast ? ImmutableArray.Create(s_peer) : [],
        };
        var dropLog = new DropLog(s_silent, 4);
        var host = new InstanceHost(config, new Instance(settings, s_self), link, s_self, [new AddressRequest(2, new IpPrefix(s_vip, 32))],
            IpAddr.VrrpMulticastV4, announcer, addresses, new ActionBuffer(), s_silent, dropLog, []);
        Assert.True(link.Register(host));
        return new Rig(host, link, segment, socket, peer, addresses, frames, dropLog);
    }

    private static MonoTime BecomeMaster(Rig r)
    {
        var now = MonoTime.Zero;
        r.Host.Handle(InstanceInput.Startup(), now);
        now = r.Host.NextDeadline;
        r.Host.OnDeadline(now);
        Assert.Equal(VrrpState.Master, r.Host.Instance.State);
        return now;
    }

    [Fact]
    public void Master_puts_its_vip_on_the_interface_adverts_and_announces_then_takes_the_vip_away_on_shutdown()
    {
        var r = Build();
        var now = BecomeMaster(r);
        Assert.True(r.Addresses.Contains(s_vip));
        Assert.Equal(1, r.Socket.Sent);
        Assert.Equal(1, r.Peer.Pending);
        var garp = Assert.Single(r.Frames.Frames);
        Assert.True(garp.IsArp);

        r.Host.Handle(InstanceInput.Shutdown(), now + Duration.FromMilliseconds(10));
        Assert.False(r.Addresses.Contains(s_vip));
        Assert.Equal(2, r.Socket.Sent);
        Assert.Equal(VrrpState.Initialize, r.Host.Instance.State);
    }

    [Fact]
    public void A_vip_the_kernel_refuses_is_counted_and_the_instance_stays_master()
    {
        var r = Build();
        r.Addresses.FailWith = 1;
        BecomeMaster(r);
        Assert.Equal(1, r.Host.VipErrors);
        Assert.False(r.Addresses.Contains(s_vip));
        Assert.Equal(VrrpState.Master, r.Host.Instance.State);
    }

    [Fact]
    public void A_master_without_its_vip_retries_every_second_until_the_kernel_takes_it()
    {
        var r = Build();
        r.Addresses.FailWith = 12; // ENOMEM: a transient refusal
        var now = BecomeMaster(r);
        Assert.Equal(1, r.Host.VipsMissing);
        var retryAt = now + InstanceHost.VipRetryInterval;
        Assert.True(r.Host.NextDeadline <= retryAt, "no retry is scheduled for the missing VIP");

        // Still refused at the first retry: still missing, and the next retry is scheduled.
        r.Host.OnDeadline(retryAt);
        Assert.Equal(1, r.Host.VipRetries);
        Assert.Equal(1, r.Host.VipsMissing);
        Assert.Equal(2, r.Host.VipErrors);

        r.Addresses.FailWith = 0;
        var second = retryAt + InstanceHost.VipRetryInterval;
        r.Host.OnDeadline(second);
        Assert.Equal(2, r.Host.VipRetries);
        Assert.Equal(0, r.Host.VipsMissing);
        Assert.True(r.Addresses.Contains(s_vip));
        Assert.Equal(VrrpState.Master, r.Host.Instance.State);
    }

    [Fact]
    public void A_backup_does_not_retry_vips_it_no_longer_wants()
    {
        var r = Build();
        r.Addresses.FailWith = 12;
        var now = BecomeMaster(r);
        r.Host.Handle(InstanceInput.Shutdown(), now);
        r.Addresses.FailWith = 0;
        r.Host.OnDeadline(now + InstanceHost.VipRetryInterval);
        Assert.Equal(0, r.Host.VipsMissing);
        Assert.False(r.Addresses.Contains(s_vip));
    }

    [Fact]
    public void An_advert_that_cannot_be_sent_is_counted()
    {
        var r = Build();
        r.Socket.FailSendsWith = 101;
        BecomeMaster(r);
        Assert.Equal(1, r.Host.SendErrors);
        Assert.Equal(0, r.Peer.Pending);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Unicast_instance_hears_a_stranger_unless_check_unicast_src_is_on(bool check)
    {
        var r = Build(unicast: true, checkUnicastSource: check);
        r.Host.Handle(InstanceInput.Startup(), MonoTime.Zero);
        var stranger = r.Segment.Attach(IpFamily.IPv4, IpAddr.Parse("10.0.0.9"));
        var s = r.Host.Instance.Settings;
        var fields = new AdvertFields
        {
            Version = s.Version, Family = s.Family, Vrid = s.Vrid, Priority = 200, Interval = s.AdvertInterval,
            AuthType = s.AuthType, AuthData = s.AuthData.AsSpan(), Addresses = s.VirtualAddresses.AsSpan(),
        };
        var tx = new byte[VrrpCodec.MaxMessageSize(IpFamily.IPv4)];

        int n = VrrpCodec.Encode(tx, fields, stranger.Address, s_self, s.V3Ipv4SendChecksum);
        Assert.False(stranger.Send(tx.AsSpan(0, n), stranger.Address, s_self).Failed);
        r.Link.ReceiveAll(MonoTime.FromMilliseconds(10), r.DropLog);
        // keepalived: without check_unicast_src an advert from any source is heard.
        Assert.Equal(check ? 1 : 0, r.Host.Instance.DropCount(DropReason.UnknownPeer));
        Assert.Equal(check ? 0 : 1, r.Host.Instance.AdvertsAccepted);

        n = VrrpCodec.Encode(tx, fields, s_peer, s_self, s.V3Ipv4SendChecksum);
        Assert.False(r.Peer.Send(tx.AsSpan(0, n), s_peer, s_self).Failed);
        r.Link.ReceiveAll(MonoTime.FromMilliseconds(20), r.DropLog);
        Assert.Equal(check ? 1 : 0, r.Host.Instance.DropCount(DropReason.UnknownPeer));
        Assert.Equal(check ? 1 : 2, r.Host.Instance.AdvertsAccepted);
        Assert.Equal(2, r.Link.Received);
        Assert.Equal(VrrpState.Backup, r.Host.Instance.State);
    }
}
