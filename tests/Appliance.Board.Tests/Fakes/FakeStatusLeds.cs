using Appliance.Board;
using Appliance.Board.Leds;

namespace Appliance.Board.Tests.Fakes;

/// <summary>LEDs in memory: the state of each, and how many times it was written.</summary>
public sealed class FakeStatusLeds(bool hasAlert = true, bool canBlinkByItself = false) : IStatusLeds
{
    private readonly bool[] _on = new bool[2];
    private readonly (int On, int Off)?[] _blink = new (int, int)?[2];

    public int Writes { get; private set; }
    public bool Disposed { get; private set; }
    public string Description => "fake";

    public bool Has(LedId led) => led == LedId.Status || hasAlert;
    public bool CanBlinkByItself(LedId led) => canBlinkByItself && Has(led);

    public void Set(LedId led, bool on)
    {
        if (!Has(led)) return;
        _on[(int)led] = on;
        _blink[(int)led] = null;
        Writes++;
    }

    public void Blink(LedId led, int onMs, int offMs)
    {
        if (!CanBlinkByItself(led)) throw new NotSupportedException("no self-blinking");
        _blink[(int)led] = (onMs, offMs);
        _on[(int)led] = true;
        Writes++;
    }

    public bool IsOn(LedId led) => _on[(int)led];
    public (int On, int Off)? SelfBlink(LedId led) => _blink[(int)led];
    public void Dispose() => Disposed = true;
}
