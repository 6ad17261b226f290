namespace Appliance.Operations.AgentX;

/// <summary>AgentX PDU types, RFC 2741 §6.1 (h.type).</summary>
internal enum AgentXPduType : byte
{
    Open = 1,
    Close = 2,
    Register = 3,
    Unregister = 4,
    Get = 5,
    GetNext = 6,
    GetBulk = 7,
    TestSet = 8,
    CommitSet = 9,
    UndoSet = 10,
    CleanupSet = 11,
    Notify = 12,
    Ping = 13,
    IndexAllocate = 14,
    IndexDeallocate = 15,
    AddAgentCaps = 16,
    RemoveAgentCaps = 17,
    Response = 18,
}

/// <summary>h.flags, RFC 2741 §6.1. NETWORK_BYTE_ORDER says how every multi-byte integer of
/// the PDU (header included) is laid out.</summary>
[Flags]
internal enum AgentXFlags : byte
{
    None = 0,
    InstanceRegistration = 0x01,
    NewIndex = 0x02,
    AnyIndex = 0x04,
    NonDefaultContext = 0x08,
    NetworkByteOrder = 0x10,
}

/// <summary>VarBind value types, RFC 2741 §5.4.</summary>
internal enum AgentXValueType : ushort
{
    Integer = 2,
    OctetString = 4,
    Null = 5,
    ObjectIdentifier = 6,
    IpAddress = 64,
    Counter32 = 65,
    Gauge32 = 66,
    TimeTicks = 67,
    Opaque = 68,
    Counter64 = 70,
    NoSuchObject = 128,
    NoSuchInstance = 129,
    EndOfMibView = 130,
}

/// <summary>res.error values used here: RFC 2741 §6.2.16 and the SNMP error-status values it reuses.</summary>
internal static class AgentXError
{
    public const ushort NoError = 0;
    public const ushort GenErr = 5;
    public const ushort NotWritable = 17;
    public const ushort OpenFailed = 256;
    public const ushort NotOpen = 257;
    public const ushort ParseError = 266;
    public const ushort RequestDenied = 267;
    public const ushort ProcessingError = 268;
}

/// <summary>Close reasons, RFC 2741 §6.2.2.</summary>
internal enum AgentXCloseReason : byte
{
    Other = 1,
    ParseError = 2,
    ProtocolError = 3,
    Timeouts = 4,
    Shutdown = 5,
    ByManager = 6,
}

/// <summary>A VarBind value: one of the RFC 2741 §5.4 types.</summary>
internal readonly record struct SnmpValue(AgentXValueType Type, long Number = 0, byte[]? Bytes = null, Oid? Oid = null)
{
    public static SnmpValue Integer(long v) => new(AgentXValueType.Integer, v);

    public static SnmpValue Counter32(long v) => new(AgentXValueType.Counter32, (uint)v);

    public static SnmpValue Gauge32(long v) => new(AgentXValueType.Gauge32, (uint)Math.Clamp(v, 0, uint.MaxValue));

    public static SnmpValue Counter64(long v) => new(AgentXValueType.Counter64, v);

    public static SnmpValue TimeTicks(long v) => new(AgentXValueType.TimeTicks, (uint)v);

    public static SnmpValue Octets(byte[] v) => new(AgentXValueType.OctetString, Bytes: v);

    public static SnmpValue Object(Oid v) => new(AgentXValueType.ObjectIdentifier, Oid: v);

    public static SnmpValue Exception(AgentXValueType t) => new(t);

    public bool Equals(SnmpValue other) =>
        Type == other.Type && Number == other.Number
        && (Bytes ?? []).AsSpan().SequenceEqual(other.Bytes ?? [])
        && Equals(Oid ?? AgentX.Oid.Empty, other.Oid ?? AgentX.Oid.Empty);

    public override int GetHashCode() => HashCode.Combine(Type, Number);
}

/// <summary>One VarBind, RFC 2741 §5.4.</summary>
internal readonly record struct VarBind(Oid Name, SnmpValue Value);

/// <summary>A SearchRange, RFC 2741 §5.2: from <see cref="Start"/> (itself included when
/// <see cref="Include"/>) up to, not including, <see cref="End"/> (unbounded when empty).</summary>
internal readonly record struct SearchRange(Oid Start, bool Include, Oid End);
