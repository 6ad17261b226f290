using System.Buffers.Binary;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.ProcConnector;

/// <summary>
/// Walks the proc events of one datagram from the connector: nlmsghdr, then struct cn_msg, then
/// struct proc_event (linux/cn_proc.h). Pure span parsing in host byte order (netlink is host
/// order); nothing is read past a length that was checked first. A bad netlink header ends the
/// walk; a bad message inside a good header is skipped; each failure is reported once through
/// <see cref="Next"/>'s drop, for the owner to count. Never throws on any input.
/// </summary>
public ref struct ProcEventReader
{
    private const int NlHeader = 16;
    private ReadOnlySpan<byte> _rest;

    /// <summary>A reader over <paramref name="datagram"/>.</summary>
    public ProcEventReader(ReadOnlySpan<byte> datagram) => _rest = datagram;

    /// <summary>
    /// The next message: true with an event (drop None), or true with a drop reason for a message
    /// that was skipped; false at the end (or after a header that makes the rest unreadable).
    /// </summary>
    public bool Next(out ProcEvent e, out ProcEventDrop drop)
    {
        e = default;
        drop = ProcEventDrop.None;
        if (_rest.Length == 0) return false;
        if (_rest.Length < NlHeader)
        {
            _rest = default;
            drop = ProcEventDrop.BadNetlinkLength;
            return true;
        }
        uint len = Host32(_rest);
        ushort type = Host16(_rest[4..]);
        if (len < NlHeader || len > (uint)_rest.Length)
        {
            _rest = default;
            drop = ProcEventDrop.BadNetlinkLength;
            return true;
        }
        var payload = _rest[NlHeader..(int)len];
        _rest = _rest[Math.Min(NlAlign((int)len), _rest.Length)..];
        if (type is NLMSG_NOOP or NLMSG_ERROR)
        {
            drop = ProcEventDrop.NotProcEvents;
            return true;
        }
        drop = Decode(payload, out e);
        return true;
    }

    /// <summary>Decodes one cn_msg + proc_event (the payload of one netlink message).</summary>
    public static ProcEventDrop Decode(ReadOnlySpan<byte> cn, out ProcEvent e)
    {
        e = default;
        if (cn.Length < CnMsgSize) return ProcEventDrop.BadConnectorLength;
        uint idx = Host32(cn), val = Host32(cn[4..]), seq = Host32(cn[8..]), ack = Host32(cn[12..]);
        int dataLen = Host16(cn[16..]);
        if (dataLen > cn.Length - CnMsgSize) return ProcEventDrop.BadConnectorLength;
        if (idx != CN_IDX_PROC || val != CN_VAL_PROC) return ProcEventDrop.NotProcEvents;
        // The kernel's answer to our PROC_CN_MCAST_LISTEN carries ack = our ack + 1: expected, not an event.
        if (ack != 0)
        {
            e = new ProcEvent(ProcEventKind.Other, 0, seq, 0, 0);
            return ProcEventDrop.None;
        }
        var ev = cn.Slice(CnMsgSize, dataLen);
        if (ev.Length < ProcEventDataOffset) return ProcEventDrop.TruncatedEvent;
        uint what = Host32(ev), cpu = Host32(ev[4..]);
        var data = ev[ProcEventDataOffset..];
        (ProcEventKind kind, int need) = what switch
        {
            PROC_EVENT_FORK => (ProcEventKind.Fork, 16),
            PROC_EVENT_EXEC => (ProcEventKind.Exec, 8),
            PROC_EVENT_COMM => (ProcEventKind.Comm, 8),
            PROC_EVENT_EXIT => (ProcEventKind.Exit, 8),
            _ => (ProcEventKind.Other, 0),
        };
        if (data.Length < need) return ProcEventDrop.TruncatedEvent;
        e = kind switch
        {
            // struct fork_proc_event: parent_pid, parent_tgid, child_pid, child_tgid.
            ProcEventKind.Fork => new ProcEvent(kind, cpu, seq, (int)Host32(data[8..]), (int)Host32(data[12..]), (int)Host32(data), (int)Host32(data[4..])),
            ProcEventKind.Other => new ProcEvent(kind, cpu, seq, 0, 0),
            // exec, comm and exit events all begin with process_pid, process_tgid.
            _ => new ProcEvent(kind, cpu, seq, (int)Host32(data), (int)Host32(data[4..])),
        };
        return ProcEventDrop.None;
    }

    private static uint Host32(ReadOnlySpan<byte> b) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);

    private static ushort Host16(ReadOnlySpan<byte> b) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
}
