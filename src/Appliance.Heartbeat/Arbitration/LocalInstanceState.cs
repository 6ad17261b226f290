using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Arbitration;

/// <summary>The arbiter's bookkeeping for one local instance.</summary>
internal struct LocalInstanceState
{
    public VrrpState State;
    public byte Priority;
    public IpAddr Address;
    public Centiseconds Interval;

    public bool Inhibited;
    public bool LanFault;

    public bool Split;
    public int SplitPeer;
    public int SplitChannel;
    public bool SplitWeWin;
    public MonoTime FenceAt;
    public bool Fenced;
}
