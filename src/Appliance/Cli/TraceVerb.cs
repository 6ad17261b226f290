using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Appliance.Config;
using Appliance.Config.Model;
using Appliance.Host;
using Appliance.Platform.Linux.Interop;
using Appliance.Platform.Linux.Loop;
using Appliance.Platform.Linux.Netlink;
using Appliance.Platform.Linux.Sockets;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Cli;

/// <summary>
/// <c>appliance trace -f CONFIG [INSTANCE | --interface IF] [--count N]</c>: a VRRP-aware tcpdump.
/// Every advert heard on the instances' interfaces, decoded, with the verdict the daemon's own checks
/// give it for that instance's configuration: the codec's syntax checks, the unicast peer filter,
/// then <see cref="ReceiveChecks"/> (what <see cref="Instance"/> applies; the state-dependent part,
/// whether the instance listens at all and what a lower priority does, is the daemon's alone).
/// A separate, read-only process: it opens raw sockets of its own in the current network namespace
/// (the kernel hands every raw socket its own copy), so the running daemon is untouched.
/// </summary>
internal static class TraceVerb
{
    public const string Name = "trace";

    public const string UsageLine = "appliance trace -f CONFIG [INSTANCE | --interface IF] [--count N] [--max-rate LINES_PER_S]";

    private sealed record Target(VrrpInstanceConfig Config, IpAddr Primary);

    private sealed record Capture(VrrpSocket Socket, List<Target> Targets);

    public static int Execute(ReadOnlySpan<string> args)
    {
        string? config = null, instance = null, iface = null;
        long count = 0;
        int maxRate = 100;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "-f" or "--use-file" or "--interface" or "-i" or "--count" or "-c" or "--max-rate")
            {
                if (i + 1 >= args.Length) return Usage($"'{a}' needs a value");
                string v = args[++i];
                if (a is "-f" or "--use-file") config = v;
                else if (a is "--interface" or "-i") iface = v;
                else if (a == "--max-rate")
                {
                    if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out maxRate) || maxRate < 1) return Usage($"'--max-rate {v}' is not a positive number");
                }
                else if (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1) return Usage($"'{a} {v}' is not a positive number");
            }
            else if (a is "-h" or "--help")
            {
                Console.Out.WriteLine(UsageLine);
                return ExitCodes.Ok;
            }
            else if (a.StartsWith('-')) return Usage($"unknown option '{a}'");
            else if (instance is null) instance = a;
            else return Usage($"one instance at a time ('{instance}', then '{a}')");
        }
        if (config is null) return Usage("which configuration? give -f CONFIG");
        var loaded = ConfigLoader.Load(config, new ConfigLoadOptions());
        if (loaded.Config is not { } cfg)
        {
            foreach (var d in loaded.Diagnostics) Console.Error.WriteLine(d.ToString());
            return ExitCodes.ConfigFatal;
        }
        var chosen = new List<VrrpInstanceConfig>();
        foreach (var c in cfg.Instances)
            if ((instance is null || c.Protocol.Name == instance) && (iface is null || c.Interface == iface)) chosen.Add(c);
        if (chosen.Count == 0)
        {
            Console.Error.WriteLine($"appliance trace: no instance {(instance is not null ? $"named {instance}" : "")}{(iface is not null ? $" on {iface}" : "")} in {config}");
            return ExitCodes.Usage;
        }
        List<Capture> captures;
        try
        {
            captures = Open(cfg, chosen);
        }
        catch (Exception e) when (e is PlatformException or InvalidOperationException)
        {
            Console.Error.WriteLine($"appliance trace: {e.Message}");
            return ExitCodes.Failure;
        }
        try
        {
            return Run(captures, instance is not null, count, maxRate);
        }
        finally
        {
            foreach (var c in captures) c.Socket.Dispose();
        }
    }

    private static int Usage(string why)
    {
        Console.Error.WriteLine($"appliance trace: {why}. Usage: {UsageLine}");
        return ExitCodes.Usage;
    }

    // One socket per (interface, family), as the daemon has; our primary address per instance, as
    // the daemon picks it (the unicast source, else the interface's first address of the family,
    // link-local for IPv6), for the own-packet check.
    private static List<Capture> Open(ApplianceConfig cfg, List<VrrpInstanceConfig> chosen)
    {
        using var linkTable = new LinkTable();
        using var addressTable = new AddressTable();
        var links = linkTable.Dump();
        var addresses = addressTable.Dump();
        var captures = new List<Capture>();
        try
        {
            foreach (var c in chosen)
            {
                var family = c.Protocol.Family;
                LinkInfo? link = null;
                foreach (var l in links)
                    if (l.Name == c.Interface) link = l;
                if (link is not { } found) throw new InvalidOperationException($"instance {c.Protocol.Name}: interface {c.Interface} does not exist here");
                var target = new Target(c, c.UnicastSource ?? Primary(c, found.Index, addresses));
                var existing = captures.Find(x => x.Socket.InterfaceIndex == found.Index && x.Socket.Family == family);
                if (existing is not null)
                {
                    existing.Targets.Add(target);
                    continue;
                }
                var group = c.MulticastDestination ?? (family == IpFamily.IPv4 ? cfg.Global.MulticastGroup4 : cfg.Global.MulticastGroup6);
                captures.Add(new Capture(VrrpSocket.Open(family, found.Name, found.Index, group), [target]));
            }
        }
        catch
        {
            foreach (var x in captures) x.Socket.Dispose();
            throw;
        }
        return captures;
    }

    private static IpAddr Primary(VrrpInstanceConfig c, int index, List<AddressEntry> addresses)
    {
        foreach (var a in addresses)
        {
            var ip = a.Prefix.Address;
            if (a.InterfaceIndex != index || ip.Family != c.Protocol.Family || a.IsSecondary) continue;
            if (ip.Family == IpFamily.IPv6 && !ip.IsIPv6LinkLocal) continue;
            bool vip = false;
            foreach (var v in c.VirtualAddresses) vip |= v.Prefix.Address == ip;
            if (!vip) return ip;
        }
        return default;
    }

    private static int Run(List<Capture> captures, bool oneInstance, long count, int maxRate)
    {
        bool stop = false;
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; Volatile.Write(ref stop, true); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; Volatile.Write(ref stop, true); });
        var poller = new Poller();
        foreach (var c in captures) poller.Add(c.Socket.Fd);
        var limiter = new LineLimiter(maxRate);
        var names = string.Join(", ", captures.Select(c => $"{c.Socket.InterfaceName} ({c.Socket.Family})"));
        Console.Out.WriteLine($"tracing VRRP on {names}; verdicts for {string.Join(", ", captures.SelectMany(c => c.Targets).Select(t => t.Config.Protocol.Name))}; Ctrl-C to stop");
        long seen = 0;
        while (!Volatile.Read(ref stop) && (count == 0 || seen < count))
        {
            poller.Wait(200);
            limiter.Tick(DateTime.UtcNow, Console.Out);
            for (int s = 0; s < captures.Count && (count == 0 || seen < count); s++)
            {
                var c = captures[s];
                while ((count == 0 || seen < count) && c.Socket.TryReceive(out var p, out _))
                {
                    if (Describe(c, p, oneInstance) is not { } line) continue;
                    seen++;
                    limiter.Write(DateTime.UtcNow, line, Console.Out);
                }
            }
        }
        limiter.Flush(Console.Out);
        return ExitCodes.Ok;
    }

    /// <summary>One line for one packet, or null when it concerns another VRID than the one traced.</summary>
    private static string? Describe(Capture c, in ReceivedAdvert p, bool oneInstance)
    {
        DropReason r;
        VrrpAdvert advert;
        PacketInfo info;
        // As the daemon: syntax first, the TTL rule later, per instance.
        if (p.Family == IpFamily.IPv4) r = VrrpCodec.DecodeIPv4(p.Data, checkTtl: false, out advert, out info);
        else
        {
            info = new PacketInfo(IpFamily.IPv6, p.Source, p.Destination, p.HopLimit, checkTtl: false);
            r = VrrpCodec.Decode(p.Data, info, out advert);
        }
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {info.Source} -> {info.Destination} ");
        if (r != DropReason.None)
        {
            sb.Append(CultureInfo.InvariantCulture, $"ttl {info.Ttl} len {p.Data.Length}: DROP {StateNames.Of(r)} (undecodable)");
            return sb.ToString();
        }
        Target? target = null;
        foreach (var t in c.Targets)
            if (t.Config.Protocol.Vrid == advert.Vrid) target = t;
        if (target is null && oneInstance) return null;
        sb.Append(CultureInfo.InvariantCulture, $"VRID {advert.Vrid} v{(int)advert.Version} prio {advert.Priority} int {advert.MaxAdvertInterval.Value / 100.0:0.00}s addrs [");
        for (int i = 0; i < advert.CountIpAddrs; i++) sb.Append(i == 0 ? "" : " ").Append(advert.Address(i).ToString());
        sb.Append(']');
        if (advert.Version == VrrpVersion.V2) sb.Append(advert.AuthType == AuthType.SimpleText ? " auth PASS" : " auth none");
        sb.Append(CultureInfo.InvariantCulture, $" ttl {info.Ttl} csum {advert.ChecksumForm}: ");
        if (target is null)
        {
            sb.Append("DROP ").Append(StateNames.Of(DropReason.UnknownVrid));
            return sb.ToString();
        }
        var verdict = Verdict(target, advert, info.Source, info.Ttl, info.Destination);
        sb.Append(verdict == DropReason.None ? "accepted" : "DROP " + StateNames.Of(verdict)).Append(" (").Append(target.Config.Protocol.Name).Append(')');
        return sb.ToString();
    }

    // The instance's own checks, as the daemon applies them (check_unicast_src included).
    private static DropReason Verdict(Target t, in VrrpAdvert advert, IpAddr source, byte ttl, IpAddr destination) =>
        ReceiveChecks.Check(t.Config.Protocol, t.Primary, advert, source, ttl, destination);

    /// <summary>At most N lines a second; the rest are counted and reported as "N suppressed" once the second is over.</summary>
    internal sealed class LineLimiter(int perSecond)
    {
        private DateTime _window;
        private int _lines;
        private long _suppressed;

        public void Write(DateTime now, string line, TextWriter output)
        {
            Tick(now, output);
            if (_lines < perSecond)
            {
                _lines++;
                output.WriteLine(line);
            }
            else _suppressed++;
        }

        public void Tick(DateTime now, TextWriter output)
        {
            if (now - _window < TimeSpan.FromSeconds(1)) return;
            Flush(output);
            _window = now;
            _lines = 0;
        }

        public void Flush(TextWriter output)
        {
            if (_suppressed == 0) return;
            output.WriteLine($"{_suppressed} suppressed (more than {perSecond} lines/s)");
            _suppressed = 0;
        }
    }
}
