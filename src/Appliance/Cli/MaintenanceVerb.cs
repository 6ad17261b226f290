namespace Appliance.Cli;

/// <summary><c>appliance maintenance on|off</c>: the board's maintenance button, from a shell.</summary>
internal static class MaintenanceVerb
{
    public const string Help = """
        usage: appliance maintenance on|off [-f CONFIG] [--control-socket PATH]

        on: every master hands over with priority 0 and every instance stays in FAULT, out of the
        election, until maintenance is switched off again (it survives a reload). off: instances
        start again. The same switch as the board's maintenance button.

        exit codes: 0 ok, 1 failure, 2 usage, 7 no daemon answering, 8 permission denied
        """;

    public static int Execute(ReadOnlySpan<string> args)
    {
        var a = ControlVerbArguments.Parse(args, allowJson: false, out string? error);
        if (a is not null && a.Help)
        {
            Console.Out.WriteLine(Help);
            return ExitCodes.Ok;
        }
        if (a is null || a.Words.Count != 1 || a.Words[0] is not ("on" or "off"))
        {
            Console.Error.WriteLine($"appliance maintenance: {error ?? "say 'on' or 'off'"}");
            return ExitCodes.Usage;
        }
        return ControlCall.Run("maintenance", a, "maintenance", [a.Words[0]]);
    }
}
