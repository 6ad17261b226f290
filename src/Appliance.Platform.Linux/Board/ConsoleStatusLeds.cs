using Appliance.Board;
using Appliance.Board.Leds;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// LEDs as text, for development and the demo: one compact line whenever an LED changes, e.g.
/// <c>[leds] status=1000/1000 alert=off</c>. It "blinks by itself" by printing the pattern once,
/// so the console is not flooded with every edge. Allocates; not for production boards.
/// </summary>
public sealed class ConsoleStatusLeds : IStatusLeds
{
    private readonly TextWriter _output;
    private readonly bool _hasAlert;
    private readonly string[] _state = ["off", "off"];

    /// <summary>Prints to <paramref name="output"/>.</summary>
    public ConsoleStatusLeds(TextWriter output, bool hasAlert = true)
    {
        _output = output;
        _hasAlert = hasAlert;
    }

    /// <inheritdoc />
    public string Description => "console";

    /// <summary>The last printed state of <paramref name="led"/>: <c>on</c>, <c>off</c> or <c>ON/OFF</c> ms.</summary>
    public string State(LedId led) => _state[(int)led];

    /// <inheritdoc />
    public bool Has(LedId led) => led == LedId.Status || _hasAlert;

    /// <inheritdoc />
    public bool CanBlinkByItself(LedId led) => Has(led);

    /// <inheritdoc />
    public void Set(LedId led, bool on) => Change(led, on ? "on" : "off");

    /// <inheritdoc />
    public void Blink(LedId led, int onMs, int offMs) => Change(led, $"{onMs}/{offMs}");

    /// <inheritdoc />
    public void Dispose() => _output.Flush();

    private void Change(LedId led, string state)
    {
        if (!Has(led) || _state[(int)led] == state) return;
        _state[(int)led] = state;
        _output.WriteLine(_hasAlert ? $"[leds] status={_state[0]} alert={_state[1]}" : $"[leds] status={_state[0]}");
    }
}
