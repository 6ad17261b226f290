namespace Appliance.Vrrp;

/// <summary>
/// A duration in hundredths of a second, the unit of every VRRPv3 timer (RFC 9568 §5.2.7).
/// VRRPv2 intervals (whole seconds) are held in this type too, multiplied by 100, so the
/// timing code has one unit.
/// </summary>
public readonly record struct Centiseconds(int Value) : IComparable<Centiseconds>
{
    /// <summary>Zero duration.</summary>
    public static Centiseconds Zero => default;

    /// <summary>Builds a value from whole seconds.</summary>
    public static Centiseconds FromSeconds(int seconds) => new(checked(seconds * 100));

    /// <summary>Builds a value from milliseconds, truncating to the centisecond.</summary>
    public static Centiseconds FromMilliseconds(long milliseconds) => new(checked((int)(milliseconds / 10)));

    /// <summary>The duration in milliseconds.</summary>
    public long Milliseconds => Value * 10L;

    /// <summary>The duration in nanoseconds, the resolution of <see cref="MonoTime"/>.</summary>
    public long Nanoseconds => Value * 10_000_000L;

    /// <summary>Sum of two durations.</summary>
    public static Centiseconds operator +(Centiseconds a, Centiseconds b) => new(checked(a.Value + b.Value));

    /// <summary>Difference of two durations.</summary>
    public static Centiseconds operator -(Centiseconds a, Centiseconds b) => new(checked(a.Value - b.Value));

    /// <summary>Scales a duration.</summary>
    public static Centiseconds operator *(int factor, Centiseconds a) => new(checked(factor * a.Value));

    /// <summary>Ordering.</summary>
    public static bool operator <(Centiseconds a, Centiseconds b) => a.Value < b.Value;

    /// <summary>Ordering.</summary>
    public static bool operator >(Centiseconds a, Centiseconds b) => a.Value > b.Value;

    /// <summary>Ordering.</summary>
    public static bool operator <=(Centiseconds a, Centiseconds b) => a.Value <= b.Value;

    /// <summary>Ordering.</summary>
    public static bool operator >=(Centiseconds a, Centiseconds b) => a.Value >= b.Value;

    /// <inheritdoc />
    public int CompareTo(Centiseconds other) => Value.CompareTo(other.Value);

    /// <summary>Renders as seconds with two decimals, e.g. <c>1.00s</c>.</summary>
    public override string ToString() => $"{Value / 100}.{Value % 100:D2}s";
}
