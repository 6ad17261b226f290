using Appliance.Vrrp;

namespace Appliance.Heartbeat.Arbitration;

/// <summary>One decision of the arbiter. <see cref="Instance"/> and <see cref="Channel"/> are indexes
/// into the tables the arbiter was built with (-1: not about one).</summary>
public readonly record struct ArbiterDecision(
    ArbiterDecisionKind Kind,
    int Instance = -1,
    int Channel = -1,
    ushort PeerId = 0,
    byte Priority = 0,
    IpAddr Address = default,
    Centiseconds Interval = default,
    bool Flag = false);
