namespace Appliance.Heartbeat.Wire;

/// <summary>The per-frame fields a sender fills in.</summary>
public readonly record struct HeartbeatHeader(ushort NodeId, uint Epoch, uint Sequence);
