using Appliance.Vrrp;

namespace Appliance.Heartbeat.Arbitration;

/// <summary>A local VRRP instance as the arbiter sees it; (VRID, family) matches entries in peers' frames.</summary>
public readonly record struct ArbiterInstance(string Name, byte Vrid, IpFamily Family);
