namespace Appliance.Board.Leds;

/// <summary>What both status LEDs show for one <see cref="BoardCondition"/>. Both halves share the
/// start time, so equal periods with one <see cref="BlinkPattern.Inverted"/> alternate.</summary>
public readonly record struct LedPattern(BlinkPattern Status, BlinkPattern Alert)
{
    /// <summary>The pattern of one LED.</summary>
    public BlinkPattern this[LedId led] => led == LedId.Alert ? Alert : Status;

    /// <summary>Null when both halves are valid, else why not.</summary>
    public string? Validate()
    {
        string? s = Status.Validate();
        if (s is not null) return "status: " + s;
        string? a = Alert.Validate();
        return a is null ? null : "alert: " + a;
    }
}
