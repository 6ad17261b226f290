using Appliance.Operations;

namespace Appliance.Cli;

/// <summary><c>appliance version</c>: this binary's version and the running daemon's
/// (<c>--version</c> prints only this binary's and never asks the daemon).</summary>
internal static class VersionVerb
{
    public const string Help = """
        usage: appliance version [-f CONFIG] [--control-socket PATH]

        Prints this binary's version, then the running daemon's (they differ after an upgrade
        until the daemon restarts). `appliance --version` prints only this binary's.

        exit codes: 0 ok, 1 failure, 2 usage, 7 no daemon answering (the client version is
        still printed), 8 permission denied
        """;

    public static int Execute(ReadOnlySpan<string> args)
    {
        var a = ControlVerbArguments.Parse(args, allowJson: false, out string? error);
        if (a is null || a.Words.Count > 0)
        {
            Console.Error.WriteLine($"appliance version: {error ?? $"unexpected argument '{a!.Words[0]}'"}");
            return ExitCodes.Usage;
        }
        if (a.Help)
        {
            Console.Out.WriteLine(Help);
            return ExitCodes.Ok;
        }
        Console.Out.WriteLine("client: " + CommandLine.VersionLine());
        var endpoint = a.Resolve(out string? rerr, out int rcode);
        if (endpoint is null)
        {
            Console.Error.WriteLine($"appliance version: daemon: {rerr}");
            return rcode;
        }
        if (!ControlCall.TryCall(endpoint.Value, "version", [], out var status, out string body, out int code, out string? cerr))
        {
            Console.Error.WriteLine($"appliance version: daemon: {cerr}");
            return code;
        }
        if (status != ControlStatus.Ok)
        {
            Console.Error.Write($"appliance version: daemon: {body}");
            return code;
        }
        Console.Out.Write("daemon: " + body);
        return ExitCodes.Ok;
    }
}
