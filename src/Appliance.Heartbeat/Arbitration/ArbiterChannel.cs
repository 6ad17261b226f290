using Appliance.Vrrp;

namespace Appliance.Heartbeat.Arbitration;

/// <summary>A heartbeat channel as the arbiter sees it: a name for alerts and the silence after which it is down.</summary>
public readonly record struct ArbiterChannel(string Name, Centiseconds DeadTime);
