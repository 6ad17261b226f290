namespace Appliance.Operations.AgentX;

/// <summary>
/// One AgentX PDU, decoded: the RFC 2741 §6.1 header and the body fields of its type (the ones a
/// type does not have stay at their defaults). Built by <see cref="AgentXCodec.Decode"/> from the
/// master's bytes and written by <see cref="AgentXCodec.Encode"/>.
/// </summary>
internal sealed class AgentXPdu
{
    /// <summary>The fixed header's size, RFC 2741 §6.1.</summary>
    public const int HeaderSize = 20;

    public AgentXPduType Type { get; init; }

    public AgentXFlags Flags { get; init; } = AgentXFlags.NetworkByteOrder;

    public uint SessionId { get; init; }

    public uint TransactionId { get; init; }

    public uint PacketId { get; init; }

    /// <summary>The context (NON_DEFAULT_CONTEXT), kept as the master sent it.</summary>
    public byte[]? Context { get; init; }

    // --- Open (§6.2.1): o.timeout, o.id, o.descr
    public byte Timeout { get; init; }

    public Oid Id { get; init; } = Oid.Empty;

    public string Description { get; init; } = "";

    // --- Close (§6.2.2)
    public AgentXCloseReason Reason { get; init; }

    // --- Register (§6.2.3): r.timeout (Timeout), r.priority, r.range_subid, r.subtree, r.upper_bound
    public byte Priority { get; init; } = 127;

    public byte RangeSubId { get; init; }

    public Oid Subtree { get; init; } = Oid.Empty;

    public uint UpperBound { get; init; }

    // --- Get / GetNext / GetBulk (§6.2.5-7)
    public ushort NonRepeaters { get; init; }

    public ushort MaxRepetitions { get; init; }

    public IReadOnlyList<SearchRange> Ranges { get; init; } = [];

    // --- Notify (§6.2.10) and Response (§6.2.16)
    public IReadOnlyList<VarBind> VarBinds { get; init; } = [];

    public uint SysUpTime { get; init; }

    public ushort Error { get; init; }

    public ushort Index { get; init; }

    public bool NetworkByteOrder => (Flags & AgentXFlags.NetworkByteOrder) != 0;
}
