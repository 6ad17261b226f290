namespace Appliance.Platform.Linux.ProcConnector;

/// <summary>The process events the trackers act on.</summary>
public enum ProcEventKind : byte
{
    /// <summary>Anything else (uid, gid, sid, ptrace, coredump changes, and the LISTEN reply).</summary>
    Other,

    /// <summary>PROC_EVENT_FORK: a process or thread was created.</summary>
    Fork,

    /// <summary>PROC_EVENT_EXEC: a process ran a new program.</summary>
    Exec,

    /// <summary>PROC_EVENT_COMM: a process changed its comm (prctl PR_SET_NAME).</summary>
    Comm,

    /// <summary>PROC_EVENT_EXIT: a process or thread ended.</summary>
    Exit,
}

/// <summary>
/// One decoded struct proc_event. Ids are as the kernel reports them: in the initial pid
/// namespace. <see cref="Pid"/>/<see cref="Tgid"/> are the process's (for a fork: the child's);
/// a thread has Pid != Tgid, and keepalived ignores threads; so do we.
/// </summary>
public readonly record struct ProcEvent(ProcEventKind Kind, uint Cpu, uint Seq, int Pid, int Tgid, int ParentPid = 0, int ParentTgid = 0)
{
    /// <summary>True for a whole process rather than one of its threads.</summary>
    public bool IsProcess => Pid == Tgid;
}

/// <summary>Why a connector datagram, or part of it, was not used.</summary>
public enum ProcEventDrop : byte
{
    /// <summary>Nothing wrong.</summary>
    None,

    /// <summary>The netlink header's length is below 16 or beyond the datagram.</summary>
    BadNetlinkLength,

    /// <summary>Shorter than a cn_msg, or cn_msg.len beyond the message.</summary>
    BadConnectorLength,

    /// <summary>A connector message for another index (not CN_IDX_PROC/CN_VAL_PROC), or a netlink error or no-op.</summary>
    NotProcEvents,

    /// <summary>A proc_event too short for its kind.</summary>
    TruncatedEvent,
}
