using Appliance.Heartbeat.Channels;
using Appliance.Platform.Linux.HeartbeatLink;
using Appliance.Testing.Lab;
using Appliance.Vrrp;

namespace Appliance.Platform.Linux.Tests.HeartbeatTransport;

/// <summary>
/// The transport contract for <see cref="HeartbeatLinkSocket"/> on a veth pair between two
/// namespaces. Sockets keep the namespace they were created in, so only opening needs the namespace thread.
/// </summary>
public sealed class HeartbeatLinkContractTests : HeartbeatTransportContract
{
    private BridgeLab? _lab;

    protected override (IHeartbeatTransport A, IHeartbeatTransport B) CreatePair()
    {
        LabRequirements.RequireNamespaces();
        _lab = BridgeLab.Create(2);
        DirectLink.Create(_lab.Routers[0], _lab.Routers[1], _lab.Token);
        var a = _lab.Routers[0].Run(() => Open(1));
        var b = _lab.Routers[1].Run(() => Open(2));
        return (a, b);
    }

    protected override void Within(Action action) => _lab!.Routers[0].Run(action);

    private static HeartbeatLinkSocket Open(int side)
    {
        var s = new HeartbeatLinkSocket("hb0", IpAddr.Parse(DirectLink.Address(side)), IpAddr.Parse(DirectLink.Address(3 - side)), 7112);
        Assert.True(s.TryOpen(), s.LastError);
        return s;
    }

    public override void Dispose() => _lab?.Dispose();
}
