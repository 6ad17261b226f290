using System.Collections.Immutable;
using System.Globalization;

namespace Appliance.Config.Schema;

/// <summary>Whether the daemon does what a keyword says.</summary>
public enum KeywordStatus
{
    /// <summary>Read into the model and acted on.</summary>
    Acted,

    /// <summary>Read (its value checked) but the daemon does nothing with it: a located warning says so.</summary>
    NotActed,

    /// <summary>A keepalived keyword with no meaning for appliance (process tuning, SNMP, LVS knobs): a note.</summary>
    Ignored,

    /// <summary>keepalived still reads it but says to use something else; not acted on here: a note.</summary>
    Deprecated,
}

/// <summary>The shape of a keyword's value.</summary>
public enum ValueKind
{
    /// <summary>The keyword alone means on (keepalived); <c>true</c>/<c>false</c> in TOML.</summary>
    Flag,
    /// <summary>on|off|true|false|yes|no after the keyword (alone: true); a TOML boolean.</summary>
    Bool,
    /// <summary>A whole number within [Min, Max].</summary>
    Integer,
    /// <summary>Seconds with an optional fraction within [Min, Max], held in centiseconds.</summary>
    Seconds,
    /// <summary>One word or string.</summary>
    Text,
    /// <summary>One of <see cref="Keyword.Allowed"/>.</summary>
    Choice,
    /// <summary>An IPv4 or IPv6 address.</summary>
    Address,
    /// <summary>A command line: the rest of the line.</summary>
    Command,
    /// <summary>A list: a block of one item per line (keepalived), an array (TOML).</summary>
    List,
    /// <summary>A block of keywords (keepalived), a table (TOML).</summary>
    Block,
}

/// <summary>
/// One configuration keyword, declared once: its keepalived name and block, its TOML key and table,
/// its value, range, default and unit, and whether the daemon acts on it. The keepalived binder, the
/// TOML reader and writer, <c>check</c>'s diagnostics and the keyword table in docs/configuration.md
/// all read these declarations (see <see cref="Keywords"/>).
/// </summary>
public sealed record Keyword
{
    /// <summary>The keepalived block it appears in (<see cref="Blocks"/>).</summary>
    public required string Block { get; init; }

    /// <summary>The keepalived keyword; null for a TOML-only key.</summary>
    public string? Name { get; init; }

    /// <summary>Other keepalived spellings with the same meaning.</summary>
    public ImmutableArray<string> Aliases { get; init; } = [];

    /// <summary>The TOML key with its table, dotted (<c>instance.priority</c>); null when TOML has none.</summary>
    public string? Toml { get; init; }

    /// <summary>The value's shape.</summary>
    public ValueKind Kind { get; init; }

    /// <summary>Lower bound of a number (inclusive).</summary>
    public double? Min { get; init; }

    /// <summary>Upper bound of a number (inclusive).</summary>
    public double? Max { get; init; }

    /// <summary>The default of a number, in the keyword's unit.</summary>
    public double? Default { get; init; }

    /// <summary>The default when it is not a number (or needs words: "the global setting").</summary>
    public string? DefaultText { get; init; }

    /// <summary>The values a <see cref="ValueKind.Choice"/> accepts (as keepalived / TOML spell them).</summary>
    public ImmutableArray<string> Allowed { get; init; } = [];

    /// <summary>The unit of a number ("s", "baud"); null when it has none.</summary>
    public string? Unit { get; init; }

    /// <summary>Whether the daemon acts on it.</summary>
    public KeywordStatus Status { get; init; } = KeywordStatus.Acted;

    /// <summary>Why it is not acted on (one line), for every status but <see cref="KeywordStatus.Acted"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>What it does, one line, for the docs.</summary>
    public string Summary { get; init; } = "";

    /// <summary>The TOML table (<c>instance</c>, <c>global.garp</c>), or null.</summary>
    public string? TomlTable => Toml is { } t && t.LastIndexOf('.') is var dot and > 0 ? t[..dot] : null;

    /// <summary>The TOML key within its table, or null.</summary>
    public string? TomlKey => Toml is { } t ? t[(t.LastIndexOf('.') + 1)..] : null;

    /// <summary>The keepalived name and its aliases.</summary>
    public IEnumerable<string> Names()
    {
        if (Name is not null) yield return Name;
        foreach (string a in Aliases) yield return a;
    }

    /// <summary>The lower bound as an integer (programmer error when the keyword has none).</summary>
    public int MinInt => (int)(Min ?? throw new InvalidOperationException($"bug: keyword {this} has no minimum"));

    /// <summary>The upper bound as an integer.</summary>
    public int MaxInt => (int)(Max ?? throw new InvalidOperationException($"bug: keyword {this} has no maximum"));

    /// <summary>The default as an integer (-1 when there is none: "no usable value").</summary>
    public int DefaultInt => Default is { } d ? (int)d : -1;

    /// <summary>The default as centiseconds.</summary>
    public Vrrp.Centiseconds DefaultCentiseconds => new((int)Math.Round((Default ?? 0) * 100, MidpointRounding.AwayFromZero));

    /// <summary>The range as text: <c>1..255</c>, <c>0.01..255 s</c>, or the allowed values.</summary>
    public string RangeText
    {
        get
        {
            if (!Allowed.IsEmpty) return string.Join(", ", Allowed);
            if (Min is null || Max is null) return "";
            return $"{Num(Min.Value)}..{Num(Max.Value)}";
        }
    }

    /// <summary>The default as text.</summary>
    public string DefaultDisplay => DefaultText ?? (Default is { } d ? Num(d) + (Unit is null ? "" : " " + Unit) : "");

    internal static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sentence a warning or note about this keyword ends with.</summary>
    public string StatusSentence => Status switch
    {
        KeywordStatus.NotActed => $"read but not acted on: {Reason}",
        KeywordStatus.Ignored => $"a keepalived keyword that has no effect in appliance: {Reason}",
        KeywordStatus.Deprecated => $"deprecated and not acted on: {Reason}",
        _ => "acted on",
    };

    /// <summary>Name and place, for messages.</summary>
    public override string ToString() => Name ?? Toml ?? "?";
}
