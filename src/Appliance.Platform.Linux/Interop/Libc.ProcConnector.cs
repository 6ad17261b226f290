using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>The process events connector (linux/connector.h, linux/cn_proc.h) and setns (sched.h).</summary>
internal static unsafe partial class Libc
{
    internal const int NETLINK_CONNECTOR = 11;
    internal const uint CN_IDX_PROC = 1;
    internal const uint CN_VAL_PROC = 1;

    /// <summary>enum proc_cn_mcast_op.</summary>
    internal const uint PROC_CN_MCAST_LISTEN = 1;
    internal const uint PROC_CN_MCAST_IGNORE = 2;

    /// <summary>enum what of struct proc_event (the ones we act on).</summary>
    internal const uint PROC_EVENT_NONE = 0;
    internal const uint PROC_EVENT_FORK = 0x00000001;
    internal const uint PROC_EVENT_EXEC = 0x00000002;
    internal const uint PROC_EVENT_COMM = 0x00000200;
    internal const uint PROC_EVENT_EXIT = 0x80000000;

    internal const int CLONE_NEWNET = 0x40000000;
    internal const int ENOBUFS = 105;
    internal const int ECONNREFUSED = 111;

    /// <summary>sizeof(struct cn_msg): cb_id {idx, val}, seq, ack, len (u16), flags (u16).</summary>
    internal const int CnMsgSize = 20;

    /// <summary>offsetof(struct proc_event, event_data): what, cpu, timestamp_ns (8-aligned).</summary>
    internal const int ProcEventDataOffset = 16;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setns(int fd, int nstype);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint recvfrom(int sockfd, byte* buf, nuint len, int flags, void* srcAddr, uint* addrlen);

    /// <summary>open(2) over a NUL-terminated path the caller built (the per-event /proc reads must not allocate).</summary>
    [LibraryImport(Name, EntryPoint = "open", SetLastError = true)]
    internal static partial int open_bytes(byte* pathname, int flags, int mode);
}
