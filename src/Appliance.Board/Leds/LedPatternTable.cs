using System.Collections.Immutable;

namespace Appliance.Board.Leds;

/// <summary>The LED pattern for each <see cref="BoardCondition"/>: the defaults below, overridden per
/// condition from <see cref="LedSettings.Patterns"/>. The status LED alone tells every condition
/// apart, so boards with a single LED lose nothing but emphasis.</summary>
public sealed class LedPatternTable
{
    private readonly LedPattern[] _patterns;

    /// <summary>The default patterns (see docs/boards.md).</summary>
    public static ImmutableDictionary<BoardCondition, LedPattern> Defaults { get; } =
        new Dictionary<BoardCondition, LedPattern>
        {
            // A short blip once a second: alive, not decided yet.
            [BoardCondition.Booting] = new(BlinkPattern.Blink(50, 950), BlinkPattern.Off),
            [BoardCondition.Backup] = new(BlinkPattern.Blink(1000, 1000), BlinkPattern.Off),
            [BoardCondition.Master] = new(BlinkPattern.Solid, BlinkPattern.Off),
            [BoardCondition.Fault] = new(BlinkPattern.Blink(150, 150), BlinkPattern.Solid),
            [BoardCondition.SplitBrainSuspected] =
                new(BlinkPattern.Blink(500, 500), new BlinkPattern(500, 500, Inverted: true)),
            [BoardCondition.WatchdogStarving] = new(BlinkPattern.Blink(50, 50), BlinkPattern.Blink(50, 50)),
            // A double blip on status and a slow alert: deliberately out of service, nothing to fix.
            [BoardCondition.Maintenance] = new(BlinkPattern.Blink(100, 1900), BlinkPattern.Blink(1000, 1000)),
        }.ToImmutableDictionary();

    /// <summary>Builds the table from the defaults and <paramref name="overrides"/>.</summary>
    /// <exception cref="ArgumentException">An override is not a valid pattern.</exception>
    public LedPatternTable(IReadOnlyDictionary<BoardCondition, LedPattern>? overrides = null)
    {
        _patterns = new LedPattern[(int)BoardCondition.Maintenance + 1];
        foreach (var (condition, pattern) in Defaults) _patterns[(int)condition] = pattern;
        if (overrides is null) return;
        foreach (var (condition, pattern) in overrides)
        {
            if ((int)condition >= _patterns.Length)
                throw new ArgumentException($"unknown LED condition {(int)condition}", nameof(overrides));
            string? why = pattern.Validate();
            if (why is not null)
                throw new ArgumentException($"LED pattern for {condition}: {why}", nameof(overrides));
            _patterns[(int)condition] = pattern;
        }
    }

    /// <summary>The pattern shown for <paramref name="condition"/>.</summary>
    public LedPattern this[BoardCondition condition] => _patterns[(int)condition];
}
