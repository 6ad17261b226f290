namespace Appliance.Cli;

/// <summary><c>appliance reload</c>: what SIGHUP does, with an answer: applied, or refused and why.</summary>
internal static class ReloadVerb
{
    public const string Help = """
        usage: appliance reload [-f CONFIG] [--control-socket PATH]

        Has the running daemon read its configuration file again, exactly as SIGHUP does: unchanged
        instances are not touched; an invalid file changes nothing. Prints what was applied, or
        the errors (file:line:col) that made the daemon refuse.

        exit codes: 0 applied, 1 failure, 2 usage, 7 no daemon answering, 8 permission denied,
        9 refused (the file has errors, or preparing it failed)
        """;

    public static int Execute(ReadOnlySpan<string> args)
    {
        var a = ControlVerbArguments.Parse(args, allowJson: false, out string? error);
        if (a is null || a.Words.Count > 0)
        {
            Console.Error.WriteLine($"appliance reload: {error ?? $"unexpected argument '{a!.Words[0]}'"}");
            return ExitCodes.Usage;
        }
        if (a.Help)
        {
            Console.Out.WriteLine(Help);
            return ExitCodes.Ok;
        }
        return ControlCall.Run("reload", a, "reload", []);
    }
}
