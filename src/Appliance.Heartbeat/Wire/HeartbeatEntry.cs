using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Wire;

/// <summary>One instance's status in a heartbeat frame: what an advert would tell, plus the state.</summary>
public readonly record struct HeartbeatEntry(
    byte Vrid,
    IpFamily Family,
    VrrpState State,
    byte Priority,
    Centiseconds AdvertInterval,
    IpAddr PrimaryAddress,
    bool LanFault = false);
