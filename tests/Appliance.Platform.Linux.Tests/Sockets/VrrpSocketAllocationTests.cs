using Appliance.Platform.Linux.Netlink;
using Appliance.Platform.Linux.Sockets;
using Appliance.Testing.Lab;
using Appliance.Vrrp;

namespace Appliance.Platform.Linux.Tests.Sockets;

public sealed class VrrpSocketAllocationTests
{
    [SkippableFact]
    public void Send_and_receive_allocate_nothing_over_10000_packets()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var rx = lab.Routers[1].Run(() => Open());
        var tx = lab.Routers[0].Run(() => Open());
        using (rx)
        using (tx)
        {
            byte[] payload = [0x31, 0x33, 0x64, 0x01, 0x00, 0x64, 0x00, 0x00, 10, 200, 0, 254];
            var src = IpAddr.Parse(BridgeLab.RouterV4(1));
            var group = IpAddr.VrrpMulticastV4;
            long received = 0;
            void Round()
            {
                tx.Send(payload, src, group);
                while (rx.TryReceive(out var p, out _)) received += p.Data.Length;
            }
            for (int i = 0; i < 100; i++) Round();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++) Round();
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(0, after - before);
            Assert.True(received > 0);
        }
    }

    private static VrrpSocket Open()
    {
        using var links = new LinkTable();
        return VrrpSocket.Open(IpFamily.IPv4, "eth0", links.Find("eth0")!.Value.Index, IpAddr.VrrpMulticastV4);
    }
}
