namespace Appliance.Cli;

/// <summary>The 'selftest' verb (not built yet).</summary>
internal static class SelfTestVerb
{
    public static int Execute(ReadOnlySpan<string> args)
    {
        Console.Error.WriteLine("appliance: 'selftest' is not built yet");
        return ExitCodes.Failure;
    }
}
