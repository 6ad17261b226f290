namespace Appliance.Board.Leds;

/// <summary>
/// What one LED does: steady off (<see cref="OnMs"/> = 0), steady on (<see cref="OffMs"/> = 0), or a
/// square wave. <see cref="Inverted"/> starts the wave in its off half, which is how two LEDs with
/// the same period alternate.
/// </summary>
public readonly record struct BlinkPattern(int OnMs, int OffMs, bool Inverted = false)
{
    /// <summary>Steady off.</summary>
    public static BlinkPattern Off => new(0, 1);

    /// <summary>Steady on.</summary>
    public static BlinkPattern Solid => new(1, 0);

    /// <summary>A blink with the given half-periods.</summary>
    public static BlinkPattern Blink(int onMs, int offMs) => new(onMs, offMs);

    /// <summary>True when the LED never changes while this pattern holds.</summary>
    public bool IsSteady => OnMs <= 0 || OffMs <= 0;

    /// <summary>One full on+off cycle, in milliseconds.</summary>
    public long PeriodMs => (long)OnMs + OffMs;

    /// <summary>Null when the pattern is valid, else why not (both halves zero or negative, or too long).</summary>
    public string? Validate()
    {
        if (OnMs < 0 || OffMs < 0) return "on and off times must not be negative";
        if (OnMs == 0 && OffMs == 0) return "on and off times must not both be zero";
        if (OnMs > 60_000 || OffMs > 60_000) return "on and off times must be at most 60000 ms";
        return null;
    }

    /// <summary>Whether the LED is lit <paramref name="elapsedNs"/> after the pattern started.</summary>
    public bool IsOnAt(long elapsedNs)
    {
        if (OnMs <= 0) return false;
        if (OffMs <= 0) return true;
        long position = PositionNs(elapsedNs);
        return Inverted ? position >= OffMs * 1_000_000L : position < OnMs * 1_000_000L;
    }

    /// <summary>Nanoseconds from <paramref name="elapsedNs"/> to the next edge; long.MaxValue when steady.</summary>
    public long NanosecondsToNextEdge(long elapsedNs)
    {
        if (IsSteady) return long.MaxValue;
        long position = PositionNs(elapsedNs);
        long firstHalf = (Inverted ? OffMs : OnMs) * 1_000_000L;
        long period = PeriodMs * 1_000_000L;
        return position < firstHalf ? firstHalf - position : period - position;
    }

    private long PositionNs(long elapsedNs)
    {
        long period = PeriodMs * 1_000_000L;
        long p = elapsedNs % period;
        return p < 0 ? p + period : p;
    }

    /// <summary><c>on</c>, <c>off</c> or <c>500/500</c> (with <c>~</c> when inverted).</summary>
    public override string ToString() =>
        OnMs <= 0 ? "off" : OffMs <= 0 ? "on" : $"{(Inverted ? "~" : "")}{OnMs}/{OffMs}";
}
