using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Heartbeat;
using Appliance.Vrrp;

namespace Appliance.Config.Validation;

/// <summary>
/// Checks the bound model as a whole and reports every problem at once. Format-independent: both
/// readers feed the same model through here.
/// </summary>
public static class ConfigValidator
{
    /// <summary>Adds every finding about <paramref name="config"/> to <paramref name="diagnostics"/>.</summary>
    public static void Validate(ApplianceConfig config, DiagnosticBag diagnostics)
    {
        var d = diagnostics;
        var names = new Dictionary<string, VrrpInstanceConfig>(StringComparer.Ordinal);
        var vrids = new Dictionary<(string, IpFamily, byte), VrrpInstanceConfig>();
        foreach (var i in config.Instances)
        {
            var p = i.Protocol;
            var at = i.Location;
            if (!names.TryAdd(p.Name, i))
                d.Error(at, DiagnosticCodes.Duplicate, $"vrrp_instance {p.Name} is defined twice", $"first at {names[p.Name].Location}");

            if (p.Vrid == 0) d.Error(at, DiagnosticCodes.OutOfRange, $"{p.Name}: virtual_router_id must be 1..255");
            if (p.Priority == 0) d.Error(at, DiagnosticCodes.OutOfRange, $"{p.Name}: priority must be 1..255");

            // RFC 9568 §5.2.5 / keepalived: one instance, one family; the VRID is unique per interface and family.
            if (!vrids.TryAdd((i.Interface, p.Family, p.Vrid), i))
            {
                var other = vrids[(i.Interface, p.Family, p.Vrid)];
                d.Error(at, DiagnosticCodes.VridClash,
                    $"{other.Protocol.Name} and {p.Name} both use VRID {p.Vrid} with {Fam(p.Family)} on interface {i.Interface}",
                    $"{other.Protocol.Name} is at {other.Location}");
            }
            foreach (var v in i.VirtualAddresses)
            {
                if (v.Prefix.Family != p.Family)
                {
                    d.Error(v.Location.Line > 0 ? v.Location : at, DiagnosticCodes.MixedFamilies,
                        $"{p.Name}: {v.Prefix.Address} is {Fam(v.Prefix.Family)} but the instance is {Fam(p.Family)}",
                        "one instance carries one family; put the other family in its own vrrp_instance (or in virtual_ipaddress_excluded)");
                }
            }
            foreach (var peer in i.UnicastPeers)
                if (peer.Family != p.Family)
                    d.Error(at, DiagnosticCodes.MixedFamilies, $"{p.Name}: unicast peer {peer} is not {Fam(p.Family)}");
            if (i.UnicastSource is { } src && src.Family != p.Family)
                d.Error(at, DiagnosticCodes.MixedFamilies, $"{p.Name}: unicast_src_ip {src} is not {Fam(p.Family)}");
            // keepalived: mcast_dst_ip is a multicast address of the instance's family (IPv6: link-local scope, ffX2::).
            if (i.MulticastDestination is { } md && (md.Family != p.Family || !md.IsMulticast || (md.Family == IpFamily.IPv6 && !IsLinkScopeV6(md))))
                d.Error(at, DiagnosticCodes.InvalidValue, $"{p.Name}: mcast_dst_ip {md} is not a{(p.Family == IpFamily.IPv6 ? " link-local (ffX2::)" : "n")} {Fam(p.Family)} multicast address");

            if (p.Version == VrrpVersion.V2)
            {
                if (p.Family == IpFamily.IPv6)
                    d.Error(at, DiagnosticCodes.VersionConflict, $"{p.Name}: VRRPv2 is IPv4 only (RFC 3768)", "use version 3 for IPv6");
                if (p.AdvertInterval.Value % 100 != 0)
                    d.Error(at, DiagnosticCodes.VersionConflict, $"{p.Name}: VRRPv2 advertises whole seconds, not {p.AdvertInterval}", "use version 3 for sub-second intervals");
                if (p.AdvertInterval.Value > 255 * 100)
                    d.Error(at, DiagnosticCodes.OutOfRange, $"{p.Name}: a VRRPv2 advert_int is at most 255 s");
            }
            else
            {
                if (p.AdvertInterval.Value > 4095)
                    d.Error(at, DiagnosticCodes.OutOfRange, $"{p.Name}: a VRRPv3 advert_int is at most 40.95 s (12 bits of centiseconds, RFC 9568 §5.2.7)");
                if (p.AuthType != Vrrp.Protocol.AuthType.None)
                    d.Warning(at, DiagnosticCodes.VersionConflict, $"{p.Name}: VRRPv3 has no authentication; auth_type is ignored");
            }
            if (p.AdvertInterval.Value <= 0)
                d.Error(at, DiagnosticCodes.OutOfRange, $"{p.Name}: advert_int must be positive");
            if (p.DownTimerAdverts is < 1 or > 100)
                d.Error(at, DiagnosticCodes.OutOfRange, $"{p.Name}: down_timer_adverts must be 1..100");

            if (i.VirtualAddresses.IsEmpty)
                d.Warning(at, DiagnosticCodes.Inconsistent, $"{p.Name}: no virtual_ipaddress", "the instance will elect a master but move no address");
            else if (p.Family == IpFamily.IPv6 && !i.VirtualAddresses[0].Prefix.Address.IsIPv6LinkLocal)
                d.Warning(at, DiagnosticCodes.Inconsistent, $"{p.Name}: the first IPv6 virtual address should be link-local (RFC 9568 §5.2.9)");
            if (p.IsOwner && !p.Preempt)
                d.Info(at, DiagnosticCodes.Inconsistent, $"{p.Name}: the address owner (priority 255) always preempts; nopreempt has no effect");

            CheckRefs(i, i.TrackScripts, config.Scripts.Select(s => s.Name), "vrrp_script", d);
            CheckRefs(i, i.TrackFiles, config.TrackFiles.Select(s => s.Name), "track_file", d);
            CheckRefs(i, i.TrackProcesses, config.TrackProcesses.Select(s => s.Name), "vrrp_track_process", d);
        }

        var member = new Dictionary<string, SyncGroupConfig>(StringComparer.Ordinal);
        var groupNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in config.SyncGroups)
        {
            if (!groupNames.Add(g.Name)) d.Error(g.Location, DiagnosticCodes.Duplicate, $"vrrp_sync_group {g.Name} is defined twice");
            if (g.Instances.IsEmpty) d.Warning(g.Location, DiagnosticCodes.Inconsistent, $"vrrp_sync_group {g.Name} has no members", "list them in group { ... }");
            foreach (string m in g.Instances)
            {
                if (!names.ContainsKey(m))
                    d.Warning(g.Location, DiagnosticCodes.UndefinedReference, $"vrrp_sync_group {g.Name}: no vrrp_instance {m}");
                else if (!member.TryAdd(m, g) && !ReferenceEquals(member[m], g))
                    d.Error(g.Location, DiagnosticCodes.Duplicate, $"vrrp_instance {m} is in two sync groups ({member[m].Name} and {g.Name})");
            }
        }

        var scriptNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in config.Scripts)
        {
            if (!scriptNames.Add(s.Name)) d.Error(s.Location, DiagnosticCodes.Duplicate, $"vrrp_script {s.Name} is defined twice");
            if (s.Weight is < -253 or > 253) d.Error(s.Location, DiagnosticCodes.OutOfRange, $"vrrp_script {s.Name}: weight must be -253..253");
            if (s.IntervalSeconds < 1) d.Error(s.Location, DiagnosticCodes.OutOfRange, $"vrrp_script {s.Name}: interval must be at least 1 s");
        }
        var fileNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in config.TrackFiles)
            if (!fileNames.Add(f.Name)) d.Error(f.Location, DiagnosticCodes.Duplicate, $"track_file {f.Name} is defined twice");

        ValidateHeartbeat(config.Heartbeat, d, config.HeartbeatLocation);
    }

    private static void CheckRefs(VrrpInstanceConfig i, System.Collections.Immutable.ImmutableArray<TrackRef> refs, IEnumerable<string> defined, string what, DiagnosticBag d)
    {
        if (refs.IsEmpty) return;
        var set = new HashSet<string>(defined, StringComparer.Ordinal);
        foreach (var r in refs)
            if (!set.Contains(r.Name))
                d.Warning(i.Location, DiagnosticCodes.UndefinedReference, $"{i.Protocol.Name}: tracked {what} '{r.Name}' is not defined; it is ignored",
                    Text.DidYouMean.Hint(r.Name, set));
    }

    private static void ValidateHeartbeat(HeartbeatSettings h, DiagnosticBag d, SourceLocation fallback)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in h.Channels)
        {
            if (!names.Add(c.Name)) d.Error(fallback, DiagnosticCodes.Duplicate, $"heartbeat channel '{c.Name}' is defined twice");
            if (c.Kind == HeartbeatChannelKind.Link)
            {
                if (c.Interface is null || c.PeerAddress is null)
                    d.Error(fallback, DiagnosticCodes.Inconsistent, $"heartbeat channel '{c.Name}': a link channel needs interface and peer_address");
                if (c.LocalAddress is { } l && c.PeerAddress is { } pa && l.Family != pa.Family)
                    d.Error(fallback, DiagnosticCodes.MixedFamilies, $"heartbeat channel '{c.Name}': local and peer addresses differ in family");
            }
            else
            {
                if (c.Device is null) d.Error(fallback, DiagnosticCodes.Inconsistent, $"heartbeat channel '{c.Name}': a serial channel needs device");
                if (c.Baud is < 9600 or > 921600) d.Error(fallback, DiagnosticCodes.OutOfRange, $"heartbeat channel '{c.Name}': baud must be 9600..921600");
            }
            if (c.DeadTime <= c.Interval)
                d.Error(fallback, DiagnosticCodes.Inconsistent, $"heartbeat channel '{c.Name}': dead_time ({c.DeadTime}) must be longer than interval ({c.Interval})");
            if (c.Interval.Value <= 0)
                d.Error(fallback, DiagnosticCodes.OutOfRange, $"heartbeat channel '{c.Name}': interval must be positive");
        }
        if (h.Fence is { } f && string.IsNullOrWhiteSpace(f.Command))
            d.Error(fallback, DiagnosticCodes.MissingRequired, "heartbeat fence needs a command");
    }

    private static bool IsLinkScopeV6(IpAddr a)
    {
        Span<byte> b = stackalloc byte[16];
        a.WriteTo(b);
        return (b[1] & 0x0F) == 2;
    }

    private static string Fam(IpFamily f) => f == IpFamily.IPv4 ? "IPv4" : "IPv6";
}
