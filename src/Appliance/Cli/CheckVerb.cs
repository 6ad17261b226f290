using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using Appliance.Config;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Config.Validation;
using Appliance.Vrrp;

// The verb tests call CheckVerb/ConvertVerb in-process (tests/Appliance.Integration.Tests/Cli).
[assembly: InternalsVisibleTo("Appliance.Integration.Tests")]

namespace Appliance.Cli;

/// <summary>
/// <c>appliance check FILE</c>, <c>check -f FILE</c> and keepalived's <c>-t -f FILE</c>: read, bind and
/// validate, check the host (interfaces, script security), print every diagnostic and a one-screen
/// summary, and exit with the code keepalived 2.2.7's <c>-t</c> really returns.
/// </summary>
internal static class CheckVerb
{
    /// <summary>The exit code, the model when there is one, and every diagnostic.</summary>
    internal readonly record struct CheckOutcome(int Code, ApplianceConfig? Config, ImmutableArray<Diagnostic> Diagnostics);

    private const int MaxRows = 16;

    public static int Execute(ReadOnlySpan<string> args) => Execute(args, Console.Out, Console.Error, host: null);

    /// <summary>Runs the verb; a null <paramref name="host"/> is this machine, judged as the daemon judges it (<see cref="LinuxHostProbe"/>).</summary>
    public static int Execute(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr, HostProbe? host)
    {
        if (!ConfigVerbArguments.TryParse(args, allowKeepalivedFlags: true, out var parsed, out string? error))
        {
            stderr.WriteLine($"appliance check: {error}");
            stderr.WriteLine("usage: appliance check [-i ID] [--strict] FILE | appliance -t [-i ID] -f FILE");
            return ExitCodes.Usage;
        }
        string path = parsed.File ?? ConfigVerbArguments.DefaultConfigPath();
        var outcome = Check(path, parsed.Options, model => host ?? new LinuxHostProbe(model));
        foreach (var d in outcome.Diagnostics) stderr.WriteLine(d.ToString());
        stdout.Write(Summary(path, outcome.Config, outcome.Diagnostics, outcome.Code));
        return outcome.Code;
    }

    /// <summary>What <c>check</c> decides about one file, without printing: the corpus test compares it with keepalived's own verdict.</summary>
    internal static CheckOutcome Check(string path, ConfigLoadOptions options, Func<ApplianceConfig, HostProbe> host)
    {
        var result = ConfigLoader.Load(path, options);
        var diagnostics = result.Diagnostics;
        if (result.Config is { } model)
        {
            var bag = new DiagnosticBag(options.Strict);
            HostChecks.Run(model, bag, host(model));
            diagnostics = diagnostics.AddRange(bag.ToImmutable());
        }
        return new CheckOutcome(ExitCodeOf(diagnostics, options.Strict), result.Config, diagnostics);
    }

    /// <summary>
    /// keepalived 2.2.7's <c>-t</c> verdict, read from its source (lib/parser.c, keepalived/core/main.c) and
    /// measured on crafted and real files: 2 when a keyword lacks its value (keepalived stops reading
    /// there), 6 when scripts would run without <c>enable_script_security</c>, 5 for anything else it
    /// complains about, 0 otherwise; a missing interface ends keepalived's checks before the scripts, so
    /// it is 5 even with scripts. keepalived keeps the *last-listed* level of its error enum, not the
    /// worst, so its "cannot run" code 4 only shows when nothing else was reported: in practice never, and
    /// a VRID clash or a missing virtual_router_id is 5 there. appliance keeps 4 for what keepalived
    /// wrongly calls 0 (a missing or unreadable file) and, under --strict, for any error. A keyword read
    /// but not acted on (APC108) or a keepalived feature appliance leaves alone (APC101, LVS) is a warning
    /// that leaves the code alone: keepalived acts on them.
    /// </summary>
    internal static int ExitCodeOf(IEnumerable<Diagnostic> diagnostics, bool strict)
    {
        bool stopped = false, unreadable = false, errors = false, complaints = false, violation = false, noInterface = false;
        foreach (var d in diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Info || d.Code is DiagnosticCodes.NotActed or DiagnosticCodes.Unsupported) continue;
            if (d.Code == DiagnosticCodes.MissingParameter) stopped = true;
            if (d.Code is DiagnosticCodes.FileNotFound or DiagnosticCodes.InputLimit && d.Severity == DiagnosticSeverity.Error) unreadable = true;
            if (d.Code == DiagnosticCodes.ScriptSecurityViolation) violation = true;
            if (d.Code == DiagnosticCodes.InterfaceMissing) noInterface = true;
            if (d.Severity == DiagnosticSeverity.Error) errors = true;
            complaints = true;
        }
        if (unreadable || (strict && errors)) return ExitCodes.ConfigFatal;
        if (stopped) return ExitCodes.ConfigStopped;
        // keepalived stops at a missing interface before it looks at scripts (start_vrrp), so no 6 then.
        return violation && !noInterface ? ExitCodes.ScriptSecurity : complaints ? ExitCodes.ConfigErrors : ExitCodes.Ok;
    }

    private static string Summary(string path, ApplianceConfig? c, IReadOnlyCollection<Diagnostic> diagnostics, int code)
    {
        var sb = new StringBuilder();
        sb.Append(path).Append(" (").Append(ConfigLoader.FormatOf(path) == ConfigFormat.Toml ? "TOML" : "keepalived.conf syntax").Append(")\n");
        if (c is not null)
        {
            if (c.Global.RouterId is { } rid) sb.Append("router_id ").Append(rid).Append('\n');
            sb.Append($"{"instance",-16} {"interface",-10} {"vrid",4} {"fam",4} {"ver",3} {"prio",4} {"advert",7} {"start",-6} {"peers",5}  addresses\n");
            int shown = 0;
            foreach (var i in c.Instances)
            {
                if (shown++ == MaxRows)
                {
                    sb.Append($"... and {c.Instances.Length - MaxRows} more instances\n");
                    break;
                }
                var p = i.Protocol;
                string vips = i.VirtualAddresses.IsEmpty ? "-" : i.VirtualAddresses[0].Prefix.ToString();
                if (i.VirtualAddresses.Length > 1) vips += $" +{i.VirtualAddresses.Length - 1}";
                sb.Append($"{Cut(p.Name, 16),-16} {Cut(i.Interface, 10),-10} {p.Vrid,4} {(p.Family == IpFamily.IPv4 ? "v4" : "v6"),4} {(int)p.Version,3} {p.Priority,4} {p.AdvertInterval,7} {(p.StartAsMaster ? "MASTER" : "BACKUP"),-6} {(i.UnicastPeers.IsEmpty ? "mcast" : i.UnicastPeers.Length.ToString()),5}  {vips}\n");
            }
            if (!c.SyncGroups.IsEmpty)
                sb.Append("sync groups: ").Append(string.Join("; ", c.SyncGroups.Select(g => $"{g.Name} ({string.Join(", ", g.Instances)})"))).Append('\n');
            sb.Append($"scripts: {c.Scripts.Length}, track files: {c.TrackFiles.Length}, heartbeat channels: {c.Heartbeat.Channels.Length}");
            if (c.Board.Profile is { } profile) sb.Append($", board: {profile}");
            sb.Append('\n');
        }
        int errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        int warnings = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
        int notes = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info);
        int notActed = diagnostics.Count(Config.Schema.NotActedFeatures.Is);
        if (notActed > 0) sb.Append($"{notActed} setting(s) are read but not acted on by appliance: see the warnings above\n");
        string verdict = code switch
        {
            ExitCodes.Ok => "configuration OK",
            ExitCodes.ConfigErrors when errors > 0 => "configuration has errors appliance cannot run (keepalived -t says 5 too)",
            ExitCodes.ConfigErrors => "configuration has errors appliance would run with",
            ExitCodes.ConfigStopped => "a keyword lacks its value: keepalived stops reading there",
            ExitCodes.ScriptSecurity => "script security violation",
            _ => "configuration is not usable",
        };
        sb.Append($"{errors} error(s), {warnings} warning(s), {notes} note(s): {verdict} (exit {code})\n");
        return sb.ToString();
    }

    private static string Cut(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "~";
}
