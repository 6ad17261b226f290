namespace Appliance.Cli;

/// <summary>Process exit codes. The config-check codes follow what keepalived 2.2.7's <c>-t</c> really returns.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int ConfigFatal = 4;
    public const int ConfigErrors = 5;
    public const int ScriptSecurity = 6;
}
