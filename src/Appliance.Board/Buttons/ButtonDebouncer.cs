namespace Appliance.Board.Buttons;

/// <summary>What a button's edges amount to.</summary>
public enum ButtonGesture : byte
{
    /// <summary>Nothing yet (a press started, or a bounce was ignored).</summary>
    None,

    /// <summary>Pressed and released within the long-press time.</summary>
    Press,

    /// <summary>Held at least the long-press time, then released.</summary>
    LongPress,
}

/// <summary>
/// Turns a button's edges into presses and long presses. Pure: the edges come with the kernel's
/// own timestamps (GPIO v2 line events), so the decision does not depend on when the loop got
/// round to reading them. An edge within the debounce time of the previous accepted edge is a
/// bounce and ignored; a level the button is already at is ignored too.
/// </summary>
public sealed class ButtonDebouncer(long debounceNs = ButtonDebouncer.DefaultDebounceNs, long longPressNs = ButtonDebouncer.DefaultLongPressNs)
{
    /// <summary>20 ms: longer than a mechanical contact's bounce, far shorter than a human press.</summary>
    public const long DefaultDebounceNs = 20_000_000;

    /// <summary>2 s: a deliberate hold.</summary>
    public const long DefaultLongPressNs = 2_000_000_000;

    private bool _pressed;
    private bool _any;
    private ulong _lastEdgeNs;
    private ulong _pressedAtNs;

    /// <summary>Presses seen so far.</summary>
    public long Presses { get; private set; }

    /// <summary>Long presses seen so far.</summary>
    public long LongPresses { get; private set; }

    /// <summary>Edges ignored as bounces.</summary>
    public long Bounces { get; private set; }

    /// <summary>One edge: <paramref name="pressed"/> is the button's new state at <paramref name="timestampNs"/>.</summary>
    public ButtonGesture Edge(bool pressed, ulong timestampNs)
    {
        if (pressed == _pressed) return ButtonGesture.None;
        if (_any && timestampNs - _lastEdgeNs < (ulong)debounceNs)
        {
            Bounces++;
            return ButtonGesture.None;
        }
        _any = true;
        _lastEdgeNs = timestampNs;
        _pressed = pressed;
        if (pressed)
        {
            _pressedAtNs = timestampNs;
            return ButtonGesture.None;
        }
        if (timestampNs - _pressedAtNs >= (ulong)longPressNs)
        {
            LongPresses++;
            return ButtonGesture.LongPress;
        }
        Presses++;
        return ButtonGesture.Press;
    }
}
