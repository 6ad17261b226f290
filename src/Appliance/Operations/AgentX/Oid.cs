using System.Globalization;
using System.Text;

namespace Appliance.Operations.AgentX;

/// <summary>An SNMP object identifier, compared sub-identifier by sub-identifier (the MIB's
/// lexicographic order, which GetNext walks).</summary>
internal sealed class Oid : IComparable<Oid>, IEquatable<Oid>
{
    private readonly uint[] _parts;

    public Oid(params uint[] parts) => _parts = parts;

    /// <summary>The null OID (zero sub-identifiers): an unbounded search range end.</summary>
    public static Oid Empty { get; } = new();

    public ReadOnlySpan<uint> Parts => _parts;

    public int Length => _parts.Length;

    public bool IsEmpty => _parts.Length == 0;

    public Oid Append(params ReadOnlySpan<uint> more)
    {
        var all = new uint[_parts.Length + more.Length];
        _parts.CopyTo(all, 0);
        more.CopyTo(all.AsSpan(_parts.Length));
        return new Oid(all);
    }

    public bool StartsWith(Oid prefix) => Parts.StartsWith(prefix.Parts);

    /// <summary>Parses dotted decimal (an optional leading dot, as <c>snmpwalk -On</c> prints).</summary>
    public static Oid Parse(string text)
    {
        var s = text.AsSpan().TrimStart('.');
        if (s.IsEmpty) return Empty;
        var parts = new List<uint>();
        foreach (var r in s.Split('.')) parts.Add(uint.Parse(s[r], NumberStyles.None, CultureInfo.InvariantCulture));
        return new Oid([.. parts]);
    }

    public int CompareTo(Oid? other)
    {
        if (other is null) return 1;
        return Parts.SequenceCompareTo(other.Parts);
    }

    public bool Equals(Oid? other) => other is not null && Parts.SequenceEqual(other.Parts);

    public override bool Equals(object? obj) => obj is Oid o && Equals(o);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var p in _parts) h.Add(p);
        return h.ToHashCode();
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var p in _parts) sb.Append('.').Append(p.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
