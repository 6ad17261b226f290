namespace Appliance.Cli;

/// <summary><c>appliance status [--json] [-f CONFIG] [--control-socket PATH]</c>: the running daemon's instances.</summary>
internal static class StatusVerb
{
    public const string Help = """
        usage: appliance status [--json] [-f CONFIG] [--control-socket PATH]

        Asks the running daemon for one line per instance: state, effective and base priority,
        the current master's address, advert interval, time in state, last transition (and the
        heartbeat channels open, when configured). --json prints everything: counters (RFC 6527
        names), GC and loop figures, trackers, links, heartbeat.

        Without -f or --control-socket the one daemon in this network namespace is asked
        (`ip netns exec NS appliance status`).

        exit codes: 0 ok, 1 failure, 2 usage, 7 no daemon answering, 8 permission denied
        """;

    public static int Execute(ReadOnlySpan<string> args)
    {
        var a = ControlVerbArguments.Parse(args, allowJson: true, out string? error);
        if (a is null || a.Words.Count > 0)
        {
            Console.Error.WriteLine($"appliance status: {error ?? $"unexpected argument '{a!.Words[0]}'"}");
            return ExitCodes.Usage;
        }
        if (a.Help)
        {
            Console.Out.WriteLine(Help);
            return ExitCodes.Ok;
        }
        return ControlCall.Run("status", a, "status", a.Json ? ["json"] : []);
    }
}
