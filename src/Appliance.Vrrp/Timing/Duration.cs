namespace Appliance.Vrrp.Timing;

/// <summary>
/// A protocol duration in whole nanoseconds, the resolution of <see cref="MonoTime"/>. The RFC
/// timers are exact fractions of a centisecond interval (Skew_Time divides by 256), which
/// <see cref="Centiseconds"/> cannot hold; nanoseconds hold every v2 value exactly and every v3
/// value to within half a nanosecond (see <see cref="VrrpTimers"/>).
/// </summary>
public readonly record struct Duration(long Nanoseconds) : IComparable<Duration>
{
    /// <summary>Zero duration.</summary>
    public static Duration Zero => default;

    /// <summary>Converts a centisecond interval exactly (1 cs = 10,000,000 ns).</summary>
    public static Duration From(Centiseconds value) => new(value.Nanoseconds);

    /// <summary>Builds a duration from milliseconds.</summary>
    public static Duration FromMilliseconds(long milliseconds) => new(checked(milliseconds * 1_000_000L));

    /// <summary>Whole milliseconds, truncated.</summary>
    public long Milliseconds => Nanoseconds / 1_000_000L;

    /// <summary>Sum of two durations.</summary>
    public static Duration operator +(Duration a, Duration b) => new(checked(a.Nanoseconds + b.Nanoseconds));

    /// <summary>Difference of two durations.</summary>
    public static Duration operator -(Duration a, Duration b) => new(checked(a.Nanoseconds - b.Nanoseconds));

    /// <summary>Scales a duration.</summary>
    public static Duration operator *(int factor, Duration a) => new(checked(factor * a.Nanoseconds));

    /// <summary>The time <paramref name="d"/> after <paramref name="t"/>; saturates at <see cref="MonoTime.Never"/>.</summary>
    public static MonoTime operator +(MonoTime t, Duration d) => t.AddNanoseconds(d.Nanoseconds);

    /// <summary>Ordering.</summary>
    public static bool operator <(Duration a, Duration b) => a.Nanoseconds < b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator >(Duration a, Duration b) => a.Nanoseconds > b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator <=(Duration a, Duration b) => a.Nanoseconds <= b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator >=(Duration a, Duration b) => a.Nanoseconds >= b.Nanoseconds;

    /// <inheritdoc />
    public int CompareTo(Duration other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Renders as seconds with nanosecond precision, e.g. <c>0.609375000s</c>; allocates.</summary>
    public override string ToString() => $"{Nanoseconds / 1_000_000_000L}.{Nanoseconds % 1_000_000_000L:D9}s";
}
