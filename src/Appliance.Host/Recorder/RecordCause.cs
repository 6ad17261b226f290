namespace Appliance.Host.Recorder;

/// <summary>
/// The host-side context of a record: what outside the state machine fed the input that caused
/// it (the core's <see cref="Vrrp.Protocol.StateChangeReason"/> says what the state machine saw; this
/// says who made it see that, e.g. which tracker held the instance down).
/// </summary>
public enum RecordCause : byte
{
    /// <summary>Nothing beyond the state machine's own reason.</summary>
    None = 0,

    /// <summary>A tracker (<see cref="FlightRecord.Detail"/> its name, <see cref="FlightRecord.Value"/>
    /// its weight, <see cref="FlightRecord.TrackerKind"/> and <see cref="FlightRecord.TrackerStatus"/>).</summary>
    Tracker = 1,

    /// <summary>The instance's own interface went down or came up (<see cref="FlightRecord.Detail"/> its name).</summary>
    Link = 2,

    /// <summary>SIGTERM/SIGINT: the daemon is shutting down.</summary>
    Signal = 3,

    /// <summary>A reload (SIGHUP) removed or replaced the instance.</summary>
    Reload = 4,

    /// <summary>The instance's interface does not exist: it waits in FAULT (<see cref="FlightRecord.Detail"/> the interface).</summary>
    InterfaceMissing = 5,

    /// <summary>The interface it waited for appeared (<see cref="FlightRecord.Detail"/> the interface).</summary>
    InterfaceAppeared = 6,

    /// <summary>Its sync group moved it (<see cref="FlightRecord.Detail"/> the group).</summary>
    SyncGroup = 7,

    /// <summary>The operator's maintenance switch.</summary>
    Maintenance = 8,
}
