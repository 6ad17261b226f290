namespace Appliance.Vrrp;

/// <summary>
/// A point on the monotonic clock, in nanoseconds since an arbitrary origin. The core never reads
/// a clock: the host reads it once per loop turn and passes it in, which is what makes every timer
/// rule a plain unit test and the simulator deterministic.
/// </summary>
public readonly record struct MonoTime(long Nanoseconds) : IComparable<MonoTime>
{
    /// <summary>A deadline that never arrives; the earliest-deadline scan skips it.</summary>
    public static MonoTime Never => new(long.MaxValue);

    /// <summary>The clock's origin, handy for tests and the simulator.</summary>
    public static MonoTime Zero => default;

    /// <summary>True for <see cref="Never"/>.</summary>
    public bool IsNever => Nanoseconds == long.MaxValue;

    /// <summary>Builds a time from milliseconds since the origin.</summary>
    public static MonoTime FromMilliseconds(long milliseconds) => new(milliseconds * 1_000_000L);

    /// <summary>Milliseconds since the origin.</summary>
    public long Milliseconds => Nanoseconds / 1_000_000L;

    /// <summary>Adds a protocol duration; saturates at <see cref="Never"/>.</summary>
    public MonoTime Add(Centiseconds d) => AddNanoseconds(d.Nanoseconds);

    /// <summary>Adds a duration; saturates at <see cref="Never"/>.</summary>
    public MonoTime Add(TimeSpan d) => AddNanoseconds(d.Ticks * 100L);

    /// <summary>Adds nanoseconds; saturates at <see cref="Never"/>.</summary>
    public MonoTime AddNanoseconds(long ns)
    {
        if (IsNever) return Never;
        long r = Nanoseconds + ns;
        // Overflow only happens near Never; clamp rather than wrap into the past.
        return ns > 0 && r < Nanoseconds ? Never : new MonoTime(r);
    }

    /// <summary>The earlier of two times.</summary>
    public static MonoTime Min(MonoTime a, MonoTime b) => a.Nanoseconds <= b.Nanoseconds ? a : b;

    /// <summary>Nanoseconds from <paramref name="earlier"/> to this time.</summary>
    public long NanosecondsSince(MonoTime earlier) => Nanoseconds - earlier.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator <(MonoTime a, MonoTime b) => a.Nanoseconds < b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator >(MonoTime a, MonoTime b) => a.Nanoseconds > b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator <=(MonoTime a, MonoTime b) => a.Nanoseconds <= b.Nanoseconds;

    /// <summary>Ordering.</summary>
    public static bool operator >=(MonoTime a, MonoTime b) => a.Nanoseconds >= b.Nanoseconds;

    /// <inheritdoc />
    public int CompareTo(MonoTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Renders as milliseconds, e.g. <c>t=1500ms</c>.</summary>
    public override string ToString() => IsNever ? "never" : $"t={Milliseconds}ms";
}
