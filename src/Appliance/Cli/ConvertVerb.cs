namespace Appliance.Cli;

/// <summary>The 'convert' verb (not built yet).</summary>
internal static class ConvertVerb
{
    public static int Execute(ReadOnlySpan<string> args)
    {
        Console.Error.WriteLine("appliance: 'convert' is not built yet");
        return ExitCodes.Failure;
    }
}
