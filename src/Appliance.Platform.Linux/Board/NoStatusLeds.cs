using Appliance.Board;
using Appliance.Board.Leds;

namespace Appliance.Platform.Linux.Board;

/// <summary>A board without status LEDs (or with them switched off in the settings).</summary>
public sealed class NoStatusLeds : IStatusLeds
{
    /// <inheritdoc />
    public string Description => "none";

    /// <inheritdoc />
    public bool Has(LedId led) => false;

    /// <inheritdoc />
    public bool CanBlinkByItself(LedId led) => false;

    /// <inheritdoc />
    public void Set(LedId led, bool on) { }

    /// <inheritdoc />
    public void Blink(LedId led, int onMs, int offMs) => throw new NotSupportedException("there are no LEDs");

    /// <inheritdoc />
    public void Dispose() { }
}
