using System.Diagnostics;
using Appliance.Vrrp;

namespace Appliance.Platform.Linux.Loop;

/// <summary>
/// The monotonic clock, read once per loop turn. Stopwatch on Linux is CLOCK_MONOTONIC in
/// nanoseconds: it never jumps with NTP or a wall-clock change, which the VRRP timers require.
/// </summary>
public static class MonoClock
{
    private static readonly double s_nsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;

    /// <summary>Now.</summary>
    public static MonoTime Now =>
        Stopwatch.Frequency == 1_000_000_000 ? new MonoTime(Stopwatch.GetTimestamp()) : new MonoTime((long)(Stopwatch.GetTimestamp() * s_nsPerTick));
}
