using System.Collections.Immutable;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
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

    public TomlTableReader(TomlTableNode table, string path, DiagnosticBag diagnostics)
    {
        _table = table;
        _path = path;
        _d = diagnostics;
    }

    public SourceLocation Location => _table.Location;

    public DiagnosticBag Diagnostics => _d;

    private string Key(string key) => _path.Length == 0 ? key : _path + "." + key;

    private TomlNode? Get(string key)
    {
        _known.Add(key);
        return _table.Entries.TryGetValue(key, out var e) ? e.Value : null;
    }

    public bool Has(string key)
    {
        _known.Add(key);
        return _table.Entries.ContainsKey(key);
    }

    public SourceLocation LocationOf(string key) =>
        _table.Entries.TryGetValue(key, out var e) ? e.Value.Location : _table.Location;

    private void WrongType(TomlNode n, string key, string expected) =>
        _d.Error(n.Location, DiagnosticCodes.TomlType, $"'{Key(key)}' must be {expected}, not {n.TypeName}");

    public string? String(string key, string? fallback = null)
    {
        var n = Get(key);
        if (n is null) return fallback;
        if (n is TomlScalar { Value: string s }) return s;
        WrongType(n, key, "a string");
        return fallback;
    }

    public bool Bool(string key, bool fallback)
    {
        var n = Get(key);
        if (n is null) return fallback;
        if (n is TomlScalar { Value: bool b }) return b;
        WrongType(n, key, "true or false");
        return fallback;
    }

    public long Int(string key, long min, long max, long fallback)
    {
        var n = Get(key);
        if (n is null) return fallback;
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
    public Centiseconds Seconds(string key, double min, double max, Centiseconds fallback)
    {
        var n = Get(key);
        if (n is null) return fallback;
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

    public IpAddr? Address(string key)
    {
        var n = Get(key);
        if (n is null) return null;
        return AddressOf(n, key);
    }

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

    public ImmutableArray<string> Strings(string key)
    {
        var n = Get(key);
        if (n is null) return [];
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
    public List<TomlNode> Array(string key)
    {
        var n = Get(key);
        if (n is null) return [];
        if (n is TomlArrayNode a) return a.Items;
        WrongType(n, key, "an array");
        return [];
    }

    /// <summary>A sub-table, or null when absent.</summary>
    public TomlTableReader? Table(string key)
    {
        var n = Get(key);
        if (n is null) return null;
        if (n is TomlTableNode t) return new TomlTableReader(t, Key(key), _d);
        WrongType(n, key, "a table");
        return null;
    }

    /// <summary>An array of tables (<c>[[key]]</c> or an array of inline tables).</summary>
    public List<TomlTableReader> Tables(string key)
    {
        var list = new List<TomlTableReader>();
        var n = Get(key);
        if (n is null) return list;
        if (n is not TomlArrayNode a)
        {
            WrongType(n, key, "an array of tables ([[" + Key(key) + "]])");
            return list;
        }
        foreach (var item in a.Items)
        {
            if (item is TomlTableNode t) list.Add(new TomlTableReader(t, Key(key), _d));
            else WrongType(item, key, "an array of tables");
        }
        return list;
    }

    public TomlTableReader Nested(TomlTableNode t, string key) => new(t, Key(key), _d);

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
