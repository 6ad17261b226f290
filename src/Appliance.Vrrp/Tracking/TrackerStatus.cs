namespace Appliance.Vrrp.Tracking;

/// <summary>The state of an up/down tracker (interface, script, process).</summary>
public enum TrackerStatus : byte
{
    /// <summary>No verdict yet: a script that has not finished its first run (keepalived's
    /// SCRIPT_INIT_STATE_INIT). A weighted tracker adds nothing; a weight-0 tracker holds the
    /// instance down until the first verdict.</summary>
    Pending = 0,

    /// <summary>Up: the interface runs, the script exited 0, the process quorum is met.</summary>
    Up,

    /// <summary>Down: the opposite (a script killed at its timeout is down).</summary>
    Down,
}
