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
    private const int MaxRows = 16;

    public static int Execute(ReadOnlySpan<string> args) => Execute(args, Console.Out, Console.Error, HostProbe.Linux);

    public static int Execute(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr, HostProbe host)
    {
        if (!ConfigVerbArguments.TryParse(args, allowKeepalivedFlags: true, out var parsed, out string? error))
        {
            stderr.WriteLine($"appliance check: {error}");
            stderr.WriteLine("usage: appliance check [-i ID] [--strict] FILE | appliance -t [-i ID] -f FILE");
            return ExitCodes.Usage;
        }
        string path = parsed.File ?? ConfigVerbArguments.DefaultConfigPath();
        var result = ConfigLoader.Load(path, parsed.Options);
        var diagnostics = result.Diagnostics;
        if (result.Config is { } model)
        {
            var bag = new DiagnosticBag(parsed.Options.Strict);
            HostChecks.Run(model, bag, host);
            diagnostics = diagnostics.AddRange(bag.ToImmutable());
        }
        foreach (var d in diagnostics) stderr.WriteLine(d.ToString());

        int code = ExitCodeOf(result.Config is null, diagnostics);
        stdout.Write(Summary(path, result.Config, diagnostics, code));
        return code;
    }

    /// <summary>keepalived 2.2.7 <c>-t</c>, measured: 0 clean, 5 errors it would run with (a missing
    /// interface included), 6 script security, 4 fatal. Unlike keepalived, a missing file is fatal (4).
    /// A keyword read but not acted on (APC108) is a warning that leaves the code alone.</summary>
    internal static int ExitCodeOf(bool fatal, IEnumerable<Diagnostic> diagnostics)
    {
        if (fatal) return ExitCodes.ConfigFatal;
        bool warnings = false, violation = false;
        foreach (var d in diagnostics)
        {
            if (d.Severity == DiagnosticSeverity.Error) return ExitCodes.ConfigFatal;
            // keepalived acts on what we only read (trackers, sync groups...), so its -t says 0 there;
            // the warning is printed and summarised, the exit code stays keepalived's.
            if (d.Code == DiagnosticCodes.NotActed) continue;
            if (d.Code == DiagnosticCodes.ScriptSecurityViolation) violation = true;
            if (d.Severity == DiagnosticSeverity.Warning) warnings = true;
        }
        return violation ? ExitCodes.ScriptSecurity : warnings ? ExitCodes.ConfigErrors : ExitCodes.Ok;
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
            ExitCodes.ConfigErrors => "configuration has errors appliance would run with",
            ExitCodes.ScriptSecurity => "script security violation",
            _ => "configuration is not usable",
        };
        sb.Append($"{errors} error(s), {warnings} warning(s), {notes} note(s): {verdict} (exit {code})\n");
        return sb.ToString();
    }

    private static string Cut(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "~";
}
