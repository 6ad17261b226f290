using System.Globalization;
using System.Text;
using Appliance.Host;
using Appliance.Platform.Linux.Files;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using Serilog;

namespace Appliance.Daemon.Dumps;

/// <summary>
/// keepalived's signal dumps, in keepalived 2.2.7's layout so scripts written for it keep working:
/// SIGUSR1 writes <c>keepalived.data</c> (the "VRRP Topology" instance sections), SIGUSR2
/// <c>keepalived.stats</c> (per-instance counters), SIGRTMIN+2 <c>keepalived.json</c> (both, as JSON,
/// what Debian's build writes). Like keepalived they go to $TMPDIR when it is absolute, else /tmp,
/// mode 0600; TOML <c>global.dumps.directory</c> overrides. Off the hot path: a signal is rare, so
/// these allocate (a few KB per instance) and write each file atomically (temporary file, rename).
/// </summary>
internal sealed class KeepalivedDumps(ILogger log)
{
    public const string DataFile = "keepalived.data";
    public const string StatsFile = "keepalived.stats";
    public const string JsonFile = "keepalived.json";

    /// <summary>The directory: the configured one, else keepalived's rule ($TMPDIR if absolute, else /tmp).</summary>
    public static string Directory(Daemon d)
    {
        if (d.Config.Global.DumpDirectory is { } configured) return configured;
        string? tmp = Environment.GetEnvironmentVariable("TMPDIR");
        return tmp is { Length: > 0 } && tmp[0] == '/' ? tmp : "/tmp";
    }

    public void WriteData(Daemon d, MonoTime now) => Write(Path.Combine(Directory(d), DataFile), Data(d, now));

    public void WriteStats(Daemon d) => Write(Path.Combine(Directory(d), StatsFile), Stats(d));

    public void WriteJson(Daemon d, MonoTime now) => Write(Path.Combine(Directory(d), JsonFile), KeepalivedJson.Render(d, now));

    private void Write(string path, byte[] content)
    {
        var e = AtomicFile.Write(path, path + ".tmp", content, AtomicFile.PrivateMode);
        if (e.Value != 0) log.Warning("cannot write {Path}: {Error}", path, e.ToString());
        else log.Information("wrote {Path}", path);
    }

    /// <summary>The "Global definitions" we have, and one "VRRP Instance" section per instance.</summary>
    public static byte[] Data(Daemon d, MonoTime now)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var g = d.Config.Global;
        var garp = g.Garp;
        sb.Append("------< Global definitions >------\n");
        sb.Append(c, $" Router ID = {g.RouterId ?? Environment.MachineName}\n");
        sb.Append(c, $" VRRP IPv4 mcast group = {g.MulticastGroup4}\n");
        sb.Append(c, $" VRRP IPv6 mcast group = {g.MulticastGroup6}\n");
        sb.Append(c, $" Gratuitous ARP delay = {garp.MasterDelay.Value / 100}\n");
        sb.Append(c, $" Gratuitous ARP repeat = {garp.MasterRepeat}\n");
        sb.Append(c, $" Gratuitous ARP refresh timer = {garp.MasterRefresh.Value / 100}\n");
        sb.Append(c, $" Gratuitous ARP refresh repeat = {garp.MasterRefreshRepeat}\n");
        sb.Append(c, $" VRRP default protocol version = {(int)g.DefaultVersion}\n");
        sb.Append(c, $" Script security {(g.ScriptSecurity ? "enabled" : "disabled")}\n");
        sb.Append("------< VRRP Topology >------\n");
        foreach (var h in d.Hosts) Instance(sb, d, h, now);
        foreach (var p in d.Pending)
        {
            // Waiting for its interface: FAULT, as keepalived reports it.
            sb.Append(c, $" VRRP Instance = {p.Protocol.Name}\n   VRRP Version = {(int)p.Protocol.Version}\n   State = FAULT\n   Wantstate = FAULT\n");
            sb.Append(c, $"   Interface = {p.Interface} (missing)\n   Virtual Router ID = {p.Protocol.Vrid}\n   Priority = {p.Protocol.Priority}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Instance(StringBuilder sb, Daemon d, InstanceHost h, MonoTime now)
    {
        var c = CultureInfo.InvariantCulture;
        var i = h.Instance;
        var s = i.Settings;
        var cfg = h.Config;
        string state = StateNames.Of(i.State);
        sb.Append(c, $" VRRP Instance = {s.Name}\n");
        sb.Append(c, $"   VRRP Version = {(int)s.Version}\n");
        if (s.Family == IpFamily.IPv6) sb.Append("   Using Native IPv6\n");
        sb.Append(c, $"   State = {state}\n");
        if (i.State == VrrpState.Backup && i.MasterAddress.Family != 0)
        {
            sb.Append(c, $"   Master router = {i.MasterAddress}\n   Master priority = {i.MasterPriority}\n");
            if (s.Version == VrrpVersion.V3) sb.Append(c, $"   Master advert int = {i.MasterAdverInterval.Value / 100.0:0.00} sec\n");
        }
        sb.Append(h.IsUnicast ? "   Flags:\n     Using unicast\n" : "   Flags: none\n");
        sb.Append(c, $"   Wantstate = {state}\n");
        if (h.LastTransitionAt != default)
        {
            var at = WallClock(h.LastTransitionAt, now);
            long micro = at.Ticks / 10 % 1_000_000;
            var local = at.ToLocalTime();
            sb.Append(c, $"   Last transition = {at.ToUnixTimeSeconds()}.{micro:D6} ({local:ddd MMM} {local.Day,2} {local:HH:mm:ss}.{micro:D6} {local.Year})\n");
        }
        sb.Append(c, $"   Interface = {h.Link.Name}\n");
        sb.Append(c, $"   Using src_ip = {h.Primary}\n");
        if (h.IsUnicast)
        {
            sb.Append("   Unicast Peer :\n");
            foreach (var p in cfg.UnicastPeers) sb.Append(c, $"     {p}\n");
        }
        else sb.Append(c, $"   Multicast address {cfg.MulticastDestination ?? (s.Family == IpFamily.IPv4 ? d.Config.Global.MulticastGroup4 : d.Config.Global.MulticastGroup6)}\n");
        sb.Append(c, $"   Down timer adverts = {s.DownTimerAdverts}\n");
        sb.Append(c, $"   Virtual Router ID = {s.Vrid}\n");
        sb.Append(c, $"   Priority = {s.Priority}\n");
        sb.Append(c, $"   Effective priority = {i.EffectivePriority}\n");
        sb.Append(s.Version == VrrpVersion.V2
            ? string.Create(c, $"   Advert interval = {s.AdvertInterval.Value / 100} sec\n")
            : string.Create(c, $"   Advert interval = {s.AdvertInterval.Value * 10} milli-sec\n"));
        if (i.State == VrrpState.Backup && s.Version == VrrpVersion.V3)
            sb.Append(c, $"   Master advert interval = {i.MasterAdverInterval.Value * 10} milli-sec\n");
        sb.Append(c, $"   Accept = {(s.AcceptMode || s.IsOwner ? "enabled" : "disabled")}\n");
        sb.Append(c, $"   Preempt = {(s.Preempt ? "enabled" : "disabled")}\n");
        if (s.PreemptDelay.Value > 0) sb.Append(c, $"   Preempt delay = {s.PreemptDelay.Value / 100.0:0.##} secs\n");
        if (s.AuthType == AuthType.SimpleText)
            sb.Append(c, $"   Authentication type = SIMPLE_PASSWORD\n   Password = {Encoding.ASCII.GetString(s.AuthData.AsSpan()).TrimEnd('\0')}\n");
        else if (s.Version == VrrpVersion.V2) sb.Append("   Authentication type = none\n");
        if (!cfg.VirtualAddresses.IsDefaultOrEmpty)
        {
            sb.Append(c, $"   Virtual IP ({cfg.VirtualAddresses.Length}):\n");
            foreach (var v in cfg.VirtualAddresses) sb.Append(c, $"     {Vip(v, h)}\n");
        }
        Tracked(sb, "   Tracked interfaces :", cfg.TrackInterfaces);
        Tracked(sb, "   Tracked scripts :", cfg.TrackScripts);
        Tracked(sb, "   Tracked files :", cfg.TrackFiles);
    }

    private static void Tracked(StringBuilder sb, string head, System.Collections.Immutable.ImmutableArray<Config.Model.TrackRef> refs)
    {
        if (refs.IsDefaultOrEmpty) return;
        sb.Append(head).Append('\n');
        foreach (var r in refs) sb.Append(CultureInfo.InvariantCulture, $"     {r.Name} weight {r.Weight}{(r.Reverse ? " reverse" : "")}\n");
    }

    /// <summary>keepalived's format_ipaddress: "10.0.0.1/24 dev eth0 scope global", then " set" while held.</summary>
    public static string Vip(Config.Model.VirtualAddress v, InstanceHost h) =>
        $"{v.Prefix} dev {v.Device ?? h.Link.Name} scope {v.Scope ?? "global"}{(h.Instance.State == VrrpState.Master ? " set" : "")}";

    /// <summary>keepalived.stats, per instance, keepalived's field names and indentation.</summary>
    public static byte[] Stats(Daemon d)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        foreach (var h in d.Hosts)
        {
            var st = InstanceStats.Of(h);
            sb.Append(c, $"VRRP Instance: {h.Instance.Settings.Name}\n");
            sb.Append(c, $"  Advertisements:\n    Received: {st.AdvertRcvd}\n    Sent: {st.AdvertSent}\n");
            sb.Append(c, $"  Became master: {st.BecomeMaster}\n  Released master: {st.ReleaseMaster}\n");
            sb.Append(c, $"  Packet Errors:\n    Length: {st.PacketLenErr}\n    TTL: {st.IpTtlErr}\n    Invalid Type: {st.InvalidTypeRcvd}\n");
            sb.Append(c, $"    Advertisement Interval: {st.AdvertIntervalErr}\n    Address List: {st.AddrListErr}\n");
            sb.Append(c, $"  Authentication Errors:\n    Invalid Type: {st.InvalidAuthType}\n    Type Mismatch: {st.AuthTypeMismatch}\n    Failure: {st.AuthFailure}\n");
            sb.Append(c, $"  Priority Zero:\n    Received: {st.PriZeroRcvd}\n    Sent: {st.PriZeroSent}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>The wall-clock time of a monotonic instant in the past.</summary>
    public static DateTimeOffset WallClock(MonoTime then, MonoTime now) =>
        DateTimeOffset.UtcNow.AddTicks(-(now.NanosecondsSince(then) / 100));
}

/// <summary>keepalived's per-instance counters (vrrp_stats), mapped from ours.</summary>
internal readonly record struct InstanceStats(
    long AdvertRcvd, long AdvertSent, long BecomeMaster, long ReleaseMaster, long PacketLenErr, long IpTtlErr, long InvalidTypeRcvd,
    long AdvertIntervalErr, long AddrListErr, long InvalidAuthType, long AuthTypeMismatch, long AuthFailure, long PriZeroRcvd, long PriZeroSent)
{
    // keepalived counts an advert received once it reached the instance (after the header checks);
    // ours: accepted plus those the instance discarded. Length and type errors are counted per
    // socket here (the status file's "drop link" lines), before any instance is known: 0 per instance.
    public static InstanceStats Of(InstanceHost h)
    {
        var i = h.Instance;
        long dropped = 0;
        foreach (long n in i.DropCounts) dropped += n;
        // A lower-priority advert is accepted first and then discarded: count it once.
        dropped -= i.DropCount(DropReason.LowerPriority);
        return new InstanceStats(
            i.AdvertsAccepted + dropped, i.AdvertsSent, i.BecameMaster, h.ReleasedMaster, 0, i.DropCount(DropReason.BadTtl), 0,
            i.DropCount(DropReason.IntervalMismatch), i.DropCount(DropReason.AddressListMismatch), 0,
            i.DropCount(DropReason.AuthTypeMismatch), i.DropCount(DropReason.AuthDataMismatch), i.PriorityZeroReceived, i.PriorityZeroSent);
    }
}
