using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Arbitration;

/// <summary>What one peer last said about one instance on one channel, and when.</summary>
internal struct PeerClaim
{
    public MonoTime At;
    public VrrpState State;
    public byte Priority;
    public IpAddr Address;
    public Centiseconds Interval;
    public bool LanFault;
    public bool Valid;

    public readonly bool IsMaster => Valid && State == VrrpState.Master && Priority != 0;
}
