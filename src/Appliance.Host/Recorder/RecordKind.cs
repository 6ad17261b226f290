namespace Appliance.Host.Recorder;

/// <summary>What a flight record describes.</summary>
public enum RecordKind : byte
{
    /// <summary>An empty slot.</summary>
    None = 0,

    /// <summary>A state transition (<see cref="FlightRecord.From"/> → <see cref="FlightRecord.To"/>).</summary>
    Transition = 1,

    /// <summary>A tracker moved the effective priority (<see cref="FlightRecord.PreviousPriority"/> to
    /// <see cref="FlightRecord.Priority"/>). Kept because a tracker moves mastership
    /// through the priority it advertises: the transition that follows names a peer, this names the tracker.</summary>
    PriorityChange = 2,

    /// <summary>Master_Down_Timer fired but the split-brain arbiter inhibited the takeover (the
    /// master is still heard on a heartbeat channel). Recorded once per inhibited stretch.</summary>
    TakeoverInhibited = 3,
}
