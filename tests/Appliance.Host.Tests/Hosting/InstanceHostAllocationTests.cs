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
/// The host's steady state allocates nothing, now that it runs over interfaces: a master sending
/// adverts through <see cref="IAdvertSocket"/>, a backup receiving them through <see cref="VrrpLink"/>.
/// </summary>
public sealed class InstanceHostAllocationTests
{
    private static readonly ILogger s_silent = new LoggerConfiguration().MinimumLevel.Fatal().CreateLogger();
    private static readonly IpAddr s_vip = IpAddr.Parse("192.0.2.1");

    [Fact]
    public void Master_sending_10000_adverts_allocates_nothing()
    {
        var socket = new ReplaySocket();
        var (host, _) = Build(socket, priority: 150, IpAddr.Parse("10.0.0.1"));
        var now = MonoTime.Zero;
        host.Handle(InstanceInput.Startup(), now);
        // Warm up: become master (Master_Down_Interval), send the GARP bursts, then some adverts.
        for (int i = 0; i < 200; i++)
        {
            if (host.NextDeadline > now) now = host.NextDeadline;
            host.OnDeadline(now);
        }
        Assert.Equal(VrrpState.Master, host.Instance.State);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long sentBefore = socket.Sent;
        for (int i = 0; i < 10_000; i++)
        {
            now = host.NextDeadline;
            host.OnDeadline(now);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(socket.Sent - sentBefore >= 10_000, $"sent {socket.Sent - sentBefore}");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Backup_receiving_10000_adverts_allocates_nothing()
    {
        var socket = new ReplaySocket();
        var peer = IpAddr.Parse("10.0.0.1");
        var (host, link) = Build(socket, priority: 100, IpAddr.Parse("10.0.0.2"));
        var dropLog = new DropLog(s_silent, 4);
        // The master's advert as an IPv4 raw socket delivers it.
        var settings = host.Instance.Settings;
        var fields = new AdvertFields
        {
            Version = settings.Version, Family = settings.Family, Vrid = settings.Vrid, Priority = 150, Interval = settings.AdvertInterval,
            AuthType = settings.AuthType, AuthData = settings.AuthData.AsSpan(), Addresses = settings.VirtualAddresses.AsSpan(),
        };
        socket.Datagram = new byte[VrrpCodec.MaxIPv4PacketSize];
        socket.Length = VrrpCodec.EncodeIPv4Packet(socket.Datagram, fields, peer, IpAddr.VrrpMulticastV4, settings.V3Ipv4SendChecksum);
        socket.Source = peer;
        var now = MonoTime.Zero;
        host.Handle(InstanceInput.Startup(), now);
        for (int i = 0; i < 100; i++)
        {
            now = now + Duration.FromMilliseconds(100);
            socket.Queued = 1;
            link.ReceiveAll(now, dropLog);
        }
        Assert.Equal(VrrpState.Backup, host.Instance.State);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            now = now + Duration.FromMilliseconds(100);
            socket.Queued = 1;
            link.ReceiveAll(now, dropLog);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(VrrpState.Backup, host.Instance.State);
        Assert.Equal(10_100, link.Received);
        Assert.Equal(0, allocated);
    }

    private static (InstanceHost, VrrpLink) Build(IAdvertSocket socket, byte priority, IpAddr primary)
    {
        var settings = new InstanceSettings
        {
            Name = "VI_1", Vrid = 51, Priority = priority, AdvertInterval = new Centiseconds(100),
            VirtualAddresses = ImmutableArray.Create(s_vip),
        };
        var link = new VrrpLink(socket);
        var announcer = new Announcer([new byte[ArpFrame.Length]], new FrameRecorder(), 2, new GarpSettings(), IpFamily.IPv4);
        var host = new InstanceHost(new VrrpInstanceConfig { Protocol = settings, Interface = "eth0" }, new Instance(settings, primary), link, primary,
            [new AddressRequest(2, new IpPrefix(s_vip, 32))], IpAddr.VrrpMulticastV4, announcer, new InMemoryAddressTable(), new ActionBuffer(),
            s_silent, new DropLog(s_silent, 4), []);
        Assert.True(link.Register(host));
        return (host, link);
    }

    // Sends into the void and hands back one prepared datagram per Queued count: no allocation of its own.
    private sealed class ReplaySocket : IAdvertSocket
    {
        public byte[] Datagram = [];
        public int Length;
        public IpAddr Source;
        public int Queued;
        public long Sent;

        public IpFamily Family => IpFamily.IPv4;
        public int InterfaceIndex => 2;
        public string InterfaceName => "eth0";
        public int PollFd => -1;

        public IoError Send(ReadOnlySpan<byte> message, IpAddr source, IpAddr destination)
        {
            Sent++;
            return IoError.None;
        }

        public bool TryReceive(Span<byte> buffer, out AdvertDatagram datagram, out IoError error)
        {
            error = IoError.None;
            datagram = default;
            if (Queued == 0) return false;
            Queued--;
            Datagram.AsSpan(0, Length).CopyTo(buffer);
            datagram = new AdvertDatagram(Length, IpFamily.IPv4, Source, IpAddr.VrrpMulticastV4, 255, 2);
            return true;
        }

        public void Dispose() { }
    }
}
