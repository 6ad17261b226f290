using System.Globalization;
using Appliance.Config.Diagnostics;
using Appliance.Config.Schema;
using Appliance.Vrrp;

namespace Appliance.Config.Keepalived;

/// <summary>
/// Reads keepalived values the way keepalived does: a value out of range is reported and the
/// default kept (an error under --strict); a missing value is reported the same way.
/// </summary>
internal sealed class ArgReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public bool Has(ConfNode n, int i = 0, bool report = true)
    {
        if (n.Args.Count > i) return true;
        if (!report) return false;
        if (i == 0 && !s_keepalivedReadsOnWithout.Contains(n.Name))
            Diagnostics.Lenient(n.Location, DiagnosticCodes.MissingParameter, $"'{n.Name}' needs a value", "keepalived stops reading the configuration at this line");
        else
            Diagnostics.Lenient(n.Location, DiagnosticCodes.MissingValue, $"'{n.Name}' needs a value");
        return false;
    }

    // keepalived 2.2.7 ends its whole run (-t exits 2) on a keyword without its value, except for these
    // keywords whose handlers check for the value themselves and go on (measured with keepalived -t).
    private static readonly HashSet<string> s_keepalivedReadsOnWithout = new(StringComparer.Ordinal)
    {
        "router_id", "notification_email_from", "script_user", "default_interface", "script", "dont_track_primary",
    };

    public string? String(ConfNode n, int i = 0) => Has(n, i) ? n.Args[i].Text : null;

    /// <summary>The rest of the line from argument <paramref name="from"/>: a command line or free text.</summary>
    public string? Rest(ConfNode n, int from = 0) => Has(n, from) ? n.JoinedArgs(from) : null;

    public int Int(ConfNode n, int min, int max, int fallback, int i = 0)
    {
        if (!Has(n, i)) return fallback;
        var t = n.Args[i];
        // A fallback outside the range means "no usable value"; the caller reports what that costs.
        string? hint = fallback >= min && fallback <= max ? $"using {fallback}" : null;
        if (!long.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
        {
            Diagnostics.Lenient(t.Location, DiagnosticCodes.InvalidValue, $"'{n.Name}': '{t.Text}' is not a whole number", hint);
            return fallback;
        }
        if (v < min || v > max)
        {
            Diagnostics.Lenient(t.Location, DiagnosticCodes.OutOfRange, $"'{n.Name}': {v} is outside [{min}, {max}]", hint);
            return fallback;
        }
        return (int)v;
    }

    /// <summary>A whole number in <paramref name="k"/>'s range; its default (or <paramref name="fallback"/>) otherwise.</summary>
    public int Int(ConfNode n, Keyword k, int? fallback = null, int i = 0) => Int(n, k.MinInt, k.MaxInt, fallback ?? k.DefaultInt, i);

    /// <summary>Seconds in <paramref name="k"/>'s range; its default (or <paramref name="fallback"/>) otherwise.</summary>
    public Centiseconds Seconds(ConfNode n, Keyword k, Centiseconds? fallback = null, int i = 0) =>
        Seconds(n, k.Min ?? 0, k.Max ?? double.MaxValue, fallback ?? k.DefaultCentiseconds, i);

    /// <summary>keepalived's TIMER: seconds with an optional fraction, held in centiseconds.</summary>
    public Centiseconds Seconds(ConfNode n, double minSeconds, double maxSeconds, Centiseconds fallback, int i = 0)
    {
        if (!Has(n, i)) return fallback;
        var t = n.Args[i];
        if (!double.TryParse(t.Text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out double v) || double.IsNaN(v))
        {
            Diagnostics.Lenient(t.Location, DiagnosticCodes.InvalidValue, $"'{n.Name}': '{t.Text}' is not a number of seconds", $"using {fallback}");
            return fallback;
        }
        if (v < minSeconds || v > maxSeconds)
        {
            Diagnostics.Lenient(t.Location, DiagnosticCodes.OutOfRange, $"'{n.Name}': {t.Text} s is outside [{minSeconds.ToString(CultureInfo.InvariantCulture)}, {maxSeconds.ToString(CultureInfo.InvariantCulture)}] s", $"using {fallback}");
            return fallback;
        }
        return new Centiseconds((int)Math.Round(v * 100, MidpointRounding.AwayFromZero));
    }

    /// <summary>keepalived's BOOL after a keyword; the keyword alone means true.</summary>
    public bool Bool(ConfNode n, int i = 0)
    {
        if (n.Args.Count <= i) return true;
        var t = n.Args[i];
        switch (t.Text.ToLowerInvariant())
        {
            case "on" or "true" or "yes": return true;
            case "off" or "false" or "no": return false;
        }
        Diagnostics.Lenient(t.Location, DiagnosticCodes.InvalidValue, $"'{n.Name}': '{t.Text}' is not one of on|off|true|false|yes|no", "using true");
        return true;
    }

    public IpAddr? Address(ConfNode n, int i = 0)
    {
        if (!Has(n, i)) return null;
        return Address(n.Args[i], n.Name);
    }

    public IpAddr? Address(Token t, string what)
    {
        if (IpAddr.TryParse(t.Text, out var a)) return a;
        Diagnostics.Lenient(t.Location, DiagnosticCodes.InvalidValue, $"'{what}': '{t.Text}' is not an IPv4 or IPv6 address");
        return null;
    }

    /// <summary>Warns about arguments nobody reads.</summary>
    public void NoMoreThan(ConfNode n, int count)
    {
        if (n.Args.Count > count)
            Diagnostics.Lenient(n.Args[count].Location, DiagnosticCodes.InvalidValue, $"'{n.Name}': unexpected '{n.Args[count].Text}'");
    }

    /// <summary>A block keyword without its block.</summary>
    public List<ConfNode> Block(ConfNode n)
    {
        if (n.Block is not null) return n.Block;
        Diagnostics.Lenient(n.Location, DiagnosticCodes.MissingValue, $"'{n.Name}' needs a {{ ... }} block");
        return [];
    }
}
