namespace Appliance.Cli;

/// <summary><c>appliance status [--json] [-f CONFIG] [--control-socket PATH]</c>: the running daemon's instances.</summary>
internal static class StatusVerb
{
    public const string Help = """
        usage: appliance status [--json] [-f CONFIG] [--control-socket PATH]
               appliance status --why [-f CONFIG] [--file PATH] [INSTANCE]

        Asks the running daemon for one line per instance: state, effective and base priority,
        the current master's address, advert interval, time in state, last transition (and the
        heartbeat channels open, when configured). --json prints everything: counters (RFC 6527
        names), GC and loop figures, trackers, links, heartbeat.

        Without -f or --control-socket the one daemon in this network namespace is asked
        (`ip netns exec NS appliance status`).

        --why prints the flight recorder, newest first: every transition with its cause (which
        advert from whom at what priority, which tracker, which signal). It reads the recorder's
        file, not the daemon, so it works after a crash too (same as `appliance why`).

        exit codes: 0 ok, 1 failure, 2 usage, 7 no daemon answering, 8 permission denied
        """;

    public static int Execute(ReadOnlySpan<string> args)
    {
        int why = args.IndexOf("--why");
        if (why >= 0) return WhyVerb.Execute([.. args[..why], .. args[(why + 1)..]]);
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
