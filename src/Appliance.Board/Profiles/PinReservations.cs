namespace Appliance.Board.Profiles;

/// <summary>
/// Who owns which GPIO line. Every consumer (an LED, the watchdog's WDI line) reserves its line with
/// an owner name first, so two of them can never drive the same pin: the second one fails and the
/// message names both.
/// </summary>
public sealed class PinReservations
{
    private readonly Dictionary<(string Chip, int Line), string> _owners = [];

    /// <summary>Reserves <paramref name="line"/> of <paramref name="chip"/> for <paramref name="owner"/>;
    /// returns null, or why not.</summary>
    public string? TryReserve(string chip, int line, string owner)
    {
        if (_owners.TryGetValue((chip, line), out string? holder))
            return holder == owner ? null : $"GPIO {chip}:{line} is claimed by both {holder} and {owner}";
        _owners.Add((chip, line), owner);
        return null;
    }

    /// <summary>Reserves or throws.</summary>
    /// <exception cref="InvalidOperationException">Another owner holds the line.</exception>
    public void Reserve(string chip, int line, string owner)
    {
        string? why = TryReserve(chip, line, owner);
        if (why is not null) throw new InvalidOperationException(why);
    }

    /// <summary>The owner of a line, or null.</summary>
    public string? OwnerOf(string chip, int line) => _owners.GetValueOrDefault((chip, line));

    /// <summary>Frees a line held by <paramref name="owner"/>.</summary>
    public void Release(string chip, int line, string owner)
    {
        if (_owners.TryGetValue((chip, line), out string? holder) && holder == owner) _owners.Remove((chip, line));
    }
}
