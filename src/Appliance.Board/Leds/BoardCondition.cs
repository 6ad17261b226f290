namespace Appliance.Board.Leds;

/// <summary>
/// The one condition the LEDs show, aggregated over all instances and alerts. Later values win
/// over earlier ones: an alert hides the HA state, a fault hides mastership.
/// </summary>
public enum BoardCondition : byte
{
    /// <summary>No instance has left Initialize yet (or all are stopped).</summary>
    Booting = 0,

    /// <summary>Every running instance is Backup.</summary>
    Backup = 1,

    /// <summary>At least one instance is Master and none is in Fault.</summary>
    Master = 2,

    /// <summary>At least one instance is in Fault.</summary>
    Fault = 3,

    /// <summary>Two masters were seen for a VRID recently.</summary>
    SplitBrainSuspected = 4,

    /// <summary>The watchdog is no longer being fed: the board is about to reset.</summary>
    WatchdogStarving = 5,

    /// <summary>The router is in maintenance (it gave up mastership on purpose). Shown over the HA
    /// state, under the alerts; numbered last only so older values keep their numbers.</summary>
    Maintenance = 6,
}
