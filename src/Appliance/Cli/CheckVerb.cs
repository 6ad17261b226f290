namespace Appliance.Cli;

/// <summary>The 'check' verb (not built yet).</summary>
internal static class CheckVerb
{
    public static int Execute(ReadOnlySpan<string> args)
    {
        Console.Error.WriteLine("appliance: 'check' is not built yet");
        return ExitCodes.Failure;
    }
}
