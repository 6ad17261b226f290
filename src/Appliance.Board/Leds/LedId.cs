namespace Appliance.Board.Leds;

/// <summary>The logical status LEDs. A board profile maps each to a GPIO line or an LED class
/// name; a board with one LED maps only <see cref="Status"/>.</summary>
public enum LedId : byte
{
    /// <summary>The HA status LED (usually green): what this router is doing.</summary>
    Status = 0,

    /// <summary>The alert LED (usually red): fault, split-brain, watchdog trouble.</summary>
    Alert = 1,
}
