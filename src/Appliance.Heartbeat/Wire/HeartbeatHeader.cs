namespace Appliance.Heartbeat.Wire;

/// <summary>The per-frame fields a sender fills in: its node id, the epoch of its run, the channel's
/// sequence number, its current nonce and the echo of the receiver's nonce (0 when none heard yet).</summary>
public readonly record struct HeartbeatHeader(ushort NodeId, uint Epoch, uint Sequence, uint Nonce = 0, uint Echo = 0);
