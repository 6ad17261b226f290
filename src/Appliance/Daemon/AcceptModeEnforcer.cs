using Appliance.Host;
using Appliance.Platform.Linux.Interop;
using Appliance.Platform.Linux.Nftables;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// Keeps the kernel's accept-mode table equal to the running instances' wish: every VIP (and
/// excluded VIP) of a non-owner instance with accept mode off (<c>no_accept</c>, or the
/// <c>vrrp_strict</c> default) is refused local delivery. The rule can stay in place in every
/// state: a backup holds no VIP, so the kernel delivers nothing to it anyway, and a master then
/// drops exactly what RFC 9568 §6.4.3 says it must. Applied at start (which also clears a table a
/// killed run left behind), after every change of the instance set, and removed at exit.
/// </summary>
internal sealed class AcceptModeEnforcer(string table, ILogger log) : IDisposable
{
    private NftAcceptFilter? _filter;
    private string _applied = "";
    private bool _everApplied;
    private bool _failed;

    /// <summary>The nf_tables table (family inet) this daemon owns.</summary>
    public string Table => table;

    /// <summary>The addresses filtered now.</summary>
    public int Filtered { get; private set; }

    public void Apply(ReadOnlySpan<InstanceHost> hosts)
    {
        var addresses = new List<FilteredAddress>();
        var names = new List<string>();
        foreach (var h in hosts)
        {
            var s = h.Instance.Settings;
            if (s.AcceptMode || s.IsOwner) continue;
            foreach (var v in h.Config.VirtualAddresses) Add(v.Prefix.Address.ToString());
            foreach (var v in h.Config.ExcludedAddresses) Add(v.Prefix.Address.ToString());
        }
        string key = string.Join(' ', names);
        if (_everApplied && key == _applied) return;
        // With nothing to filter, this only clears a table a killed run left behind: a kernel
        // without nf_tables is then no error, since nobody asked for accept mode off.
        bool wanted = addresses.Count > 0;
        try
        {
            _filter ??= new NftAcceptFilter(table);
            var e = _filter.Apply(addresses);
            if (e.Value != 0)
            {
                if (wanted) Fail($"{e}");
                else _everApplied = true;
                return;
            }
        }
        catch (PlatformException e)
        {
            if (wanted) Fail(e.Message);
            else _everApplied = true;
            return;
        }
        if (addresses.Count > 0 || _everApplied)
            log.Information("accept mode off: {Count} VIP(s) refused local delivery (nftables table inet {Table})", addresses.Count, table);
        _applied = key;
        _everApplied = true;
        _failed = false;
        Filtered = addresses.Count;

        void Add(string ip)
        {
            if (names.Contains(ip)) return;
            names.Add(ip);
            addresses.Add(new FilteredAddress(System.Net.IPAddress.Parse(ip).GetAddressBytes()));
        }
    }

    private void Fail(string why)
    {
        if (!_failed)
            log.Error("accept mode off cannot be enforced: nftables table inet {Table}: {Error}; the VIPs of no_accept instances accept traffic (does the kernel have nf_tables?)", table, why);
        _failed = true;
    }

    /// <summary>At exit: nothing of ours stays in the kernel.</summary>
    public void Remove()
    {
        if (_filter is null || Filtered == 0) return;
        var e = _filter.Remove();
        if (e.Value != 0) log.Warning("could not remove nftables table inet {Table}: {Error}", table, e.ToString());
        Filtered = 0;
    }

    public void Dispose() => _filter?.Dispose();
}
