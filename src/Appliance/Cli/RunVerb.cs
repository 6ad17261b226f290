namespace Appliance.Cli;

/// <summary>The 'run' verb (not built yet).</summary>
internal static class RunVerb
{
    public static int Execute(ReadOnlySpan<string> args)
    {
        Console.Error.WriteLine("appliance: 'run' is not built yet");
        return ExitCodes.Failure;
    }
}
