namespace Appliance.Operations.AgentX;

/// <summary>
/// The served objects at one instant, sorted by OID: Get is an exact lookup, GetNext a binary
/// search for the first OID after (or at) a SearchRange's start and before its end (RFC 2741 §7.2.3).
/// </summary>
internal sealed class MibView
{
    private readonly VarBind[] _sorted;
    private readonly Oid _root;

    public MibView(Oid root, List<VarBind> binds)
    {
        _root = root;
        binds.Sort((a, b) => a.Name.CompareTo(b.Name));
        _sorted = [.. binds];
    }

    public int Count => _sorted.Length;

    public IReadOnlyList<VarBind> All => _sorted;

    /// <summary>RFC 2741 §7.2.3.1: the object, or noSuchObject / noSuchInstance.</summary>
    public VarBind Get(Oid name)
    {
        int i = Find(name);
        if (i >= 0) return _sorted[i];
        // An instance of a column we serve, missing: noSuchInstance; anything else in or out of
        // our subtree: noSuchObject.
        int j = ~i;
        bool column = j < _sorted.Length && SameColumn(name, _sorted[j].Name) || j > 0 && SameColumn(name, _sorted[j - 1].Name);
        return new VarBind(name, SnmpValue.Exception(column ? AgentXValueType.NoSuchInstance : AgentXValueType.NoSuchObject));
    }

    /// <summary>RFC 2741 §7.2.3.2: the first object in the range, or endOfMibView named by its start.</summary>
    public VarBind Next(SearchRange range)
    {
        int i = Find(range.Start);
        int j = i >= 0 ? (range.Include ? i : i + 1) : ~i;
        if (j < _sorted.Length && (range.End.IsEmpty || _sorted[j].Name.CompareTo(range.End) < 0)) return _sorted[j];
        return new VarBind(range.Start, SnmpValue.Exception(AgentXValueType.EndOfMibView));
    }

    private int Find(Oid name)
    {
        int lo = 0, hi = _sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = _sorted[mid].Name.CompareTo(name);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    // Table columns are root.1.{1,2}.{1,2,5}.1.COLUMN.index...: the first len(root)+5 parts name the column.
    private bool SameColumn(Oid a, Oid b)
    {
        int n = _root.Length + 5;
        return a.StartsWith(_root) && a.Length > n && b.Length > n && a.Parts[..n].SequenceEqual(b.Parts[..n]);
    }
}
