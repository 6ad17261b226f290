using Appliance.Board.Leds;

namespace Appliance.Board;

/// <summary>
/// The board's status LEDs. Called only from the loop thread; <see cref="Set"/> runs on the hot
/// path (software blinking) and must not allocate or block. Implementations open everything they
/// need when built, so a missing LED is a start-up error, not a surprise here.
/// </summary>
public interface IStatusLeds : IDisposable
{
    /// <summary>What this implementation is, for logs (e.g. <c>led-class /sys/class/leds</c>).</summary>
    string Description { get; }

    /// <summary>Whether the board has <paramref name="led"/> at all.</summary>
    bool Has(LedId led);

    /// <summary>Whether <see cref="Blink"/> can hand a pattern for <paramref name="led"/> to something
    /// that blinks on its own (the kernel's <c>timer</c> trigger), so the loop need not wake for it.</summary>
    bool CanBlinkByItself(LedId led);

    /// <summary>Turns <paramref name="led"/> steadily on or off (ending any self-driven blink).
    /// Does nothing for an LED the board lacks.</summary>
    void Set(LedId led, bool on);

    /// <summary>Makes <paramref name="led"/> blink by itself with <paramref name="onMs"/>/<paramref name="offMs"/>.</summary>
    /// <exception cref="NotSupportedException"><see cref="CanBlinkByItself"/> is false for this LED.</exception>
    void Blink(LedId led, int onMs, int offMs);
}
