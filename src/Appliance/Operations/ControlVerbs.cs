using System.Text;
using Appliance.Vrrp;

namespace Appliance.Operations;

/// <summary>
/// The daemon's side of the verbs: <c>status</c> (text or <c>json</c>), <c>reload</c>,
/// <c>maintenance on|off</c>, <c>version</c>. Runs on the loop thread, like SIGHUP's reload.
/// </summary>
internal sealed class ControlVerbs(Daemon.Daemon daemon)
{
    /// <summary>The server, for its own counters in <c>status json</c>.</summary>
    public ControlServer? Server { get; set; }

    public byte[] Serve(ControlRequest r, MonoTime now)
    {
        switch (r.Verb)
        {
            case "status" when r.Args.Length == 0:
                return ControlProtocol.FormatAnswer(ControlStatus.Ok, StatusReport.Text(daemon, now));
            case "status" when r.Args is ["json"]:
                return ControlProtocol.FormatAnswer(ControlStatus.Ok, StatusJson.Write(daemon, Server, now));
            case "reload" when r.Args.Length == 0:
                var outcome = daemon.Reloader.Reload(now, "control socket");
                var sb = new StringBuilder(outcome.Summary).Append('\n');
                if (!outcome.Applied)
                    foreach (var e in outcome.Errors)
                        if (e != outcome.Summary) sb.Append(e).Append('\n');
                return ControlProtocol.FormatAnswer(outcome.Applied ? ControlStatus.Ok : ControlStatus.Refused, sb.ToString());
            case "maintenance" when r.Args is ["on"] or ["off"]:
                bool on = r.Args[0] == "on";
                bool was = daemon.Maintenance;
                daemon.SetMaintenance(on, now);
                return ControlProtocol.FormatAnswer(ControlStatus.Ok, was == on ? $"maintenance was already {r.Args[0]}\n" : $"maintenance {r.Args[0]}\n");
            case "version" when r.Args.Length == 0:
                return ControlProtocol.FormatAnswer(ControlStatus.Ok, Cli.CommandLine.VersionLine() + $"\nprotocol {ControlProtocol.Version}\n");
            case "status" or "reload" or "maintenance" or "version":
                return ControlProtocol.FormatAnswer(ControlStatus.BadRequest, $"wrong arguments for '{r.Verb}': {Usage(r.Verb)}\n");
            default:
                return ControlProtocol.FormatAnswer(ControlStatus.BadRequest, $"unknown verb '{r.Verb}'; known: status [json], reload, maintenance on|off, version\n");
        }
    }

    private static string Usage(string verb) => verb switch
    {
        "status" => "status [json]",
        "maintenance" => "maintenance on|off",
        _ => verb + " takes no arguments",
    };
}
