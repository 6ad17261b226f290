using System.Collections.Immutable;
using Appliance.Config.Model;

namespace Appliance.Config.Binding;

/// <summary>
/// keepalived: a track_script / track_file reference without its own weight takes the weight of the
/// script or file it names, which may be defined later in the file; so both readers resolve it after
/// binding, and the model only ever holds explicit weights.
/// </summary>
internal static class TrackWeights
{
    /// <summary>Marks a reference written without a weight.</summary>
    public const int Unset = int.MinValue;

    public static ApplianceConfig Resolve(ApplianceConfig config)
    {
        var scripts = new Dictionary<string, int>(StringComparer.Ordinal);
        var reversed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in config.Scripts)
        {
            scripts.TryAdd(s.Name, s.Weight);
            if (s.Reverse) reversed.Add(s.Name);
        }
        var files = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in config.TrackFiles) files.TryAdd(f.Name, f.Weight);
        var processes = new Dictionary<string, int>(StringComparer.Ordinal);
        var reversedProcesses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in config.TrackProcesses)
        {
            processes.TryAdd(p.Name, p.Weight);
            if (p.Reverse) reversedProcesses.Add(p.Name);
        }

        var b = ImmutableArray.CreateBuilder<VrrpInstanceConfig>(config.Instances.Length);
        foreach (var i in config.Instances)
        {
            b.Add(i with
            {
                TrackInterfaces = Fill(i.TrackInterfaces, null),
                TrackScripts = Fill(i.TrackScripts, scripts, reversed),
                TrackFiles = Fill(i.TrackFiles, files),
                TrackProcesses = Fill(i.TrackProcesses, processes, reversedProcesses),
            });
        }
        return config with { Instances = b.MoveToImmutable() };
    }

    // keepalived alloc_track_script: a reference without a weight takes the script's weight and
    // its `reverse`.
    private static ImmutableArray<TrackRef> Fill(ImmutableArray<TrackRef> refs, Dictionary<string, int>? defaults, HashSet<string>? reversed = null)
    {
        bool any = false;
        foreach (var r in refs) any |= r.Weight == Unset;
        if (!any) return refs;
        var b = ImmutableArray.CreateBuilder<TrackRef>(refs.Length);
        foreach (var r in refs)
            b.Add(r.Weight != Unset ? r : r with
            {
                Weight = defaults is not null && defaults.TryGetValue(r.Name, out int w) ? w : 0,
                Reverse = r.Reverse || (reversed?.Contains(r.Name) ?? false),
            });
        return b.MoveToImmutable();
    }
}
