namespace Appliance.Cli;

/// <summary>Process exit codes. The config-check codes follow what keepalived 2.2.7's <c>-t</c> really returns;
/// the control verbs' codes (7, 8, 9) are documented in docs/operations.md.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    /// <summary>keepalived's KEEPALIVED_EXIT_CONFIG: a keyword without its value ends keepalived's reading (the same number as a usage error, as in keepalived).</summary>
    public const int ConfigStopped = 2;
    public const int ConfigFatal = 4;
    public const int ConfigErrors = 5;
    public const int ScriptSecurity = 6;

    /// <summary>A control verb found no daemon answering (none running here, or not on that socket).</summary>
    public const int NoDaemon = 7;

    /// <summary>The daemon refused the caller: neither root nor in global.control_group.</summary>
    public const int PermissionDenied = 8;

    /// <summary>The daemon understood the request and said no (e.g. reload of a broken file).</summary>
    public const int DaemonRefused = 9;
}
