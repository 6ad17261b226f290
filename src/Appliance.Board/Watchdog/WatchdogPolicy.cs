namespace Appliance.Board.Watchdog;

/// <summary>
/// When the supervisor pets and what it accepts as a healthy loop.
/// </summary>
/// <param name="Timeout">What the watchdog is asked for; the supervisor pets against the timeout the
/// watchdog reports back.</param>
/// <param name="PetInterval">Time between pets; zero: a quarter of the timeout in force.</param>
/// <param name="MaxLateness">How late the loop may run a deadline and still count as healthy; zero:
/// half the pet interval.</param>
public readonly record struct WatchdogPolicy(TimeSpan Timeout, TimeSpan PetInterval = default, TimeSpan MaxLateness = default)
{
    /// <summary>The pet interval for a watchdog whose timeout in force is <paramref name="effectiveTimeout"/>.</summary>
    public TimeSpan PetIntervalFor(TimeSpan effectiveTimeout) =>
        PetInterval > TimeSpan.Zero ? PetInterval : effectiveTimeout / 4;

    /// <summary>The lateness bound for <paramref name="petInterval"/>.</summary>
    public TimeSpan MaxLatenessFor(TimeSpan petInterval) =>
        MaxLateness > TimeSpan.Zero ? MaxLateness : petInterval / 2;

    /// <summary>
    /// Null when a loop can keep <paramref name="effectiveTimeout"/> fed under this policy, else why not.
    /// One withheld pet (a late turn) must not fire the watchdog: two intervals plus the lateness
    /// bound have to fit in the timeout.
    /// </summary>
    public string? Validate(TimeSpan effectiveTimeout)
    {
        if (effectiveTimeout <= TimeSpan.Zero) return "the watchdog timeout must be positive";
        TimeSpan interval = PetIntervalFor(effectiveTimeout);
        if (interval <= TimeSpan.Zero) return "the pet interval must be positive";
        TimeSpan lateness = MaxLatenessFor(interval);
        if (2 * interval + lateness >= effectiveTimeout)
            return $"pet interval {interval.TotalMilliseconds} ms (x2) plus lateness {lateness.TotalMilliseconds} ms " +
                   $"does not fit in the watchdog timeout {effectiveTimeout.TotalMilliseconds} ms; shorten the interval";
        return null;
    }
}
