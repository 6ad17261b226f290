using System.Collections.Immutable;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Config.Schema;
using Appliance.Config.Text;
using Appliance.Vrrp;

namespace Appliance.Config.Toml;

/// <summary>
/// Typed, located access to one TOML table. Every key read is remembered; <see cref="Finish"/> reports
/// the rest as unknown with a "did you mean". TOML is our own format, so a wrong type or range is an
/// error, not keepalived-style leniency.
/// </summary>
internal sealed class TomlTableReader
{
    private readonly TomlTableNode _table;
    private readonly DiagnosticBag _d;
    private readonly string _path;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public TomlTableReader(TomlTableNode table, string path, DiagnosticBag diagnostics, Keyword? owner = null)
    {
        _table = table;
        _path = path;
        _d = diagnostics;
        _owner = owner;
    }

    // The keyword of this table ([[script]] is vrrp_script): when it is itself not acted on, its keys
    // do not each repeat the warning.
    private readonly Keyword? _owner;

    public SourceLocation Location => _table.Location;

    public DiagnosticBag Diagnostics => _d;

    private string Key(string key) => _path.Length == 0 ? key : _path + "." + key;

    private TomlNode? Get(string key)
    {
        _known.Add(key);
        return _table.Entries.TryGetValue(key, out var e) ? e.Value : null;
    }

    /// <summary>The value of schema keyword <paramref name="k"/>, warning when it is read but not acted on.</summary>
    private TomlNode? Get(Keyword k)
    {
        var n = Get(k.TomlKey ?? throw new InvalidOperationException($"bug: keyword {k} has no TOML key"));
        if (n is not null && k.Status == KeywordStatus.NotActed && (_owner is null || _owner.Status == KeywordStatus.Acted))
            _d.Add(NotActedFeatures.Diagnostic(k, Key(k.TomlKey), "the TOML file", n.Location));
        return n;
    }

    /// <summary>A string for <paramref name="k"/>.</summary>
    public string? String(Keyword k) => Get(k) is { } n ? StringOf(n, k.TomlKey!, null) : null;

    /// <summary>A boolean for <paramref name="k"/>.</summary>
    public bool Bool(Keyword k, bool fallback) => Get(k) is { } n ? BoolOf(n, k.TomlKey!, fallback) : fallback;

    /// <summary>A whole number in <paramref name="k"/>'s range; its default (or <paramref name="fallback"/>) otherwise.</summary>
    public long Int(Keyword k, long? fallback = null) =>
        Get(k) is { } n ? IntOf(n, k.TomlKey!, k.MinInt, k.MaxInt, fallback ?? k.DefaultInt) : fallback ?? k.DefaultInt;

    /// <summary>Seconds in <paramref name="k"/>'s range; its default (or <paramref name="fallback"/>) otherwise.</summary>
    public Centiseconds Seconds(Keyword k, Centiseconds? fallback = null) =>
        Get(k) is { } n ? SecondsOf(n, k.TomlKey!, k.Min ?? 0, k.Max ?? double.MaxValue, fallback ?? k.DefaultCentiseconds) : fallback ?? k.DefaultCentiseconds;

    /// <summary>An address for <paramref name="k"/>.</summary>
    public IpAddr? Address(Keyword k) => Get(k) is { } n ? AddressOf(n, k.TomlKey!) : null;

    /// <summary>Strings for <paramref name="k"/>.</summary>
    public ImmutableArray<string> Strings(Keyword k) => Get(k) is { } n ? StringsOf(n, k.TomlKey!) : [];

    /// <summary>Array items for <paramref name="k"/>.</summary>
    public List<TomlNode> Array(Keyword k) => Get(k) is { } n ? ArrayOf(n, k.TomlKey!) : [];

    /// <summary>The sub-table for <paramref name="k"/>, or null.</summary>
    public TomlTableReader? Table(Keyword k) => Get(k) is { } n ? TableOf(n, k.TomlKey!, k) : null;

    /// <summary>The array of tables for <paramref name="k"/>.</summary>
    public List<TomlTableReader> Tables(Keyword k) => Get(k) is { } n ? TablesOf(n, k.TomlKey!, k) : [];

    /// <summary>True when <paramref name="k"/> is present.</summary>
    public bool Has(Keyword k) => Has(k.TomlKey!);

    public bool Has(string key)
    {
        _known.Add(key);
        return _table.Entries.ContainsKey(key);
    }

    public SourceLocation LocationOf(string key) =>
        _table.Entries.TryGetValue(key, out var e) ? e.Value.Location : _table.Location;

    private void WrongType(TomlNode n, string key, string expected) =>
        _d.Error(n.Location, DiagnosticCodes.TomlType, $"'{Key(key)}' must be {expected}, not {n.TypeName}");

    public string? String(string key, string? fallback = null) => Get(key) is { } n ? StringOf(n, key, fallback) : fallback;

    private string? StringOf(TomlNode n, string key, string? fallback)
    {
        if (n is TomlScalar { Value: string s }) return s;
        WrongType(n, key, "a string");
        return fallback;
    }

    public bool Bool(string key, bool fallback) => Get(key) is { } n ? BoolOf(n, key, fallback) : fallback;

    private bool BoolOf(TomlNode n, string key, bool fallback)
    {
        if (n is TomlScalar { Value: bool b }) return b;
        WrongType(n, key, "true or false");
        return fallback;
    }

    public long Int(string key, long min, long max, long fallback) => Get(key) is { } n ? IntOf(n, key, min, max, fallback) : fallback;

    private long IntOf(TomlNode n, string key, long min, long max, long fallback)
    {
        if (n is not TomlScalar { Value: long v })
        {
            WrongType(n, key, "an integer");
            return fallback;
        }
        if (v < min || v > max)
        {
            _d.Error(n.Location, DiagnosticCodes.OutOfRange, $"'{Key(key)}' = {v} is outside [{min}, {max}]");
            return fallback;
        }
        return v;
    }

    /// <summary>A duration in seconds (integer or float), held in centiseconds.</summary>
    private Centiseconds SecondsOf(TomlNode n, string key, double min, double max, Centiseconds fallback)
    {
        double v;
        switch (n)
        {
            case TomlScalar { Value: long l }: v = l; break;
            case TomlScalar { Value: double dd }: v = dd; break;
            default:
                WrongType(n, key, "a number of seconds");
                return fallback;
        }
        if (double.IsNaN(v) || v < min || v > max)
        {
            _d.Error(n.Location, DiagnosticCodes.OutOfRange, $"'{Key(key)}' = {v} s is outside [{min}, {max}] s");
            return fallback;
        }
        return new Centiseconds((int)Math.Round(v * 100, MidpointRounding.AwayFromZero));
    }

    public IpAddr? Address(string key) => Get(key) is { } n ? AddressOf(n, key) : null;

    public IpAddr? AddressOf(TomlNode n, string key)
    {
        if (n is not TomlScalar { Value: string s })
        {
            WrongType(n, key, "an address string");
            return null;
        }
        if (IpAddr.TryParse(s, out var a)) return a;
        _d.Error(n.Location, DiagnosticCodes.InvalidValue, $"'{Key(key)}': '{s}' is not an IPv4 or IPv6 address");
        return null;
    }

    private ImmutableArray<string> StringsOf(TomlNode n, string key)
    {
        if (n is not TomlArrayNode a)
        {
            WrongType(n, key, "an array of strings");
            return [];
        }
        var b = ImmutableArray.CreateBuilder<string>(a.Items.Count);
        foreach (var item in a.Items)
        {
            if (item is TomlScalar { Value: string s }) b.Add(s);
            else WrongType(item, key, "an array of strings");
        }
        return b.ToImmutable();
    }

    /// <summary>The items of an array (of anything), or empty.</summary>
    private List<TomlNode> ArrayOf(TomlNode n, string key)
    {
        if (n is TomlArrayNode a) return a.Items;
        WrongType(n, key, "an array");
        return [];
    }

    /// <summary>A sub-table, or null when absent.</summary>
    private TomlTableReader? TableOf(TomlNode n, string key, Keyword owner)
    {
        if (n is TomlTableNode t) return new TomlTableReader(t, Key(key), _d, owner.Kind == ValueKind.Block ? owner : _owner);
        WrongType(n, key, "a table");
        return null;
    }

    /// <summary>An array of tables (<c>[[key]]</c> or an array of inline tables).</summary>
    private List<TomlTableReader> TablesOf(TomlNode n, string key, Keyword owner)
    {
        var list = new List<TomlTableReader>();
        if (n is not TomlArrayNode a)
        {
            WrongType(n, key, "an array of tables ([[" + Key(key) + "]])");
            return list;
        }
        foreach (var item in a.Items)
        {
            if (item is TomlTableNode t) list.Add(new TomlTableReader(t, Key(key), _d, owner));
            else WrongType(item, key, "an array of tables");
        }
        return list;
    }

    public TomlTableReader Nested(TomlTableNode t, string key) => new(t, Key(key), _d, _owner);

    /// <summary>Reports the keys nobody asked for.</summary>
    public void Finish()
    {
        foreach (var (key, (value, at)) in _table.Entries)
        {
            if (_known.Contains(key)) continue;
            _d.Lenient(at, DiagnosticCodes.TomlUnknownKey, $"unknown key '{Key(key)}'", DidYouMean.Hint(key, _known));
        }
    }
}
