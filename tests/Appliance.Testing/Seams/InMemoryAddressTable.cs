using Appliance.Vrrp;
using Appliance.Vrrp.Seams;

namespace Appliance.Testing.Seams;

/// <summary>
/// The interface addresses of one simulated host, with the kernel's idempotence: adding a present
/// address or deleting an absent one succeeds. Counts every call and can be told to fail.
/// </summary>
public sealed class InMemoryAddressTable : IAddressManager
{
    private const int ENODEV = 19;
    private readonly List<AddressEntry> _entries = [];
    private readonly HashSet<int> _interfaces;

    /// <summary>A table for a host whose interfaces are <paramref name="interfaces"/> (none given: any index exists).</summary>
    public InMemoryAddressTable(params int[] interfaces) => _interfaces = [.. interfaces];

    /// <summary>When nonzero, every add and delete fails with this errno.</summary>
    public int FailWith { get; set; }

    /// <summary>Calls to <see cref="Add"/>.</summary>
    public long Adds { get; private set; }

    /// <summary>Calls to <see cref="Delete"/>.</summary>
    public long Deletes { get; private set; }

    /// <summary>Every address present now.</summary>
    public IReadOnlyList<AddressEntry> Entries => _entries;

    /// <summary>True when <paramref name="address"/> is on any interface.</summary>
    public bool Contains(IpAddr address)
    {
        foreach (var e in _entries)
            if (e.Prefix.Address == address) return true;
        return false;
    }

    /// <summary>Forgets every address (a host that lost its state).</summary>
    public void Clear() => _entries.Clear();

    /// <inheritdoc />
    public IoError Add(in AddressRequest request)
    {
        Adds++;
        if (FailWith != 0) return new IoError(FailWith);
        if (!Exists(request.InterfaceIndex)) return new IoError(ENODEV);
        if (IndexOf(request) >= 0) return IoError.None;
        _entries.Add(new AddressEntry(request.InterfaceIndex, request.Prefix, request.Scope,
            request.NoDad ? 0x02u : 0u, request.Prefix.Family == IpFamily.IPv4 ? request.Label : null));
        return IoError.None;
    }

    /// <inheritdoc />
    public IoError Delete(in AddressRequest request)
    {
        Deletes++;
        if (FailWith != 0) return new IoError(FailWith);
        if (!Exists(request.InterfaceIndex)) return new IoError(ENODEV);
        int i = IndexOf(request);
        if (i >= 0) _entries.RemoveAt(i);
        return IoError.None;
    }

    /// <inheritdoc />
    public List<AddressEntry> Dump(IpFamily? family = null, int interfaceIndex = 0)
    {
        var list = new List<AddressEntry>();
        foreach (var e in _entries)
            if ((family is null || e.Prefix.Family == family) && (interfaceIndex == 0 || e.InterfaceIndex == interfaceIndex)) list.Add(e);
        return list;
    }

    private bool Exists(int index) => _interfaces.Count == 0 || _interfaces.Contains(index);

    private int IndexOf(in AddressRequest r)
    {
        for (int i = 0; i < _entries.Count; i++)
            if (_entries[i].InterfaceIndex == r.InterfaceIndex && _entries[i].Prefix.Address == r.Prefix.Address) return i;
        return -1;
    }
}
