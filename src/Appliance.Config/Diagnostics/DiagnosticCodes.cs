namespace Appliance.Config.Diagnostics;

/// <summary>
/// Stable diagnostic codes. 0xx: files and syntax; 1xx: keepalived keywords and values; 2xx: model
/// validation; 3xx: TOML; 4xx: the host (interfaces, scripts). docs/configuration.md lists them.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The configuration file does not exist or cannot be read.</summary>
    public const string FileNotFound = "APC001";
    /// <summary>An include pattern matched nothing or an included file cannot be read.</summary>
    public const string IncludeFailed = "APC002";
    /// <summary>Includes nest too deeply (a cycle).</summary>
    public const string IncludeDepth = "APC003";
    /// <summary>A quoted string is not closed on its line.</summary>
    public const string UnterminatedQuote = "APC010";
    /// <summary>A '{' without its '}', or a '}' without its '{'.</summary>
    public const string UnbalancedBrace = "APC011";
    /// <summary>A malformed ~SEQ / ~LST generator, $PARAM definition or conditional line.</summary>
    public const string Preprocessor = "APC012";
    /// <summary>A keyword keepalived does not know.</summary>
    public const string UnknownKeyword = "APC100";
    /// <summary>A keepalived feature appliance does not implement (LVS, BFD, static routes...): ignored.</summary>
    public const string Unsupported = "APC101";
    /// <summary>A number outside its range; keepalived's default is used.</summary>
    public const string OutOfRange = "APC102";
    /// <summary>A value that does not parse (address, number, keyword).</summary>
    public const string InvalidValue = "APC103";
    /// <summary>A keyword without its value or block.</summary>
    public const string MissingValue = "APC104";
    /// <summary>Something defined twice.</summary>
    public const string Duplicate = "APC105";
    /// <summary>A keepalived keyword that is recognised but has no effect in appliance.</summary>
    public const string NotUsed = "APC106";
    /// <summary>A keyword that is read (and checked) but the daemon does not act on: it changes nothing.</summary>
    public const string NotActed = "APC108";
    /// <summary>A keyword without the value keepalived requires: keepalived 2.2.7 stops reading the
    /// configuration at that line (its <c>-t</c> exits 2), so nothing after it is checked by keepalived.</summary>
    public const string MissingParameter = "APC109";
    /// <summary>Something keepalived 2.2.7 reads differently from appliance or warns about although appliance
    /// accepts it (a script used before it is defined, nopreempt with state MASTER, a deprecated spelling).</summary>
    public const string KeepalivedDiffers = "APC110";
    /// <summary>A configuration file that is too large, not a regular file, or too many includes.</summary>
    public const string InputLimit = "APC004";
    /// <summary>A required setting is missing (interface, virtual_router_id, script...).</summary>
    public const string MissingRequired = "APC107";
    /// <summary>Two instances share a VRID on one interface and family.</summary>
    public const string VridClash = "APC200";
    /// <summary>IPv4 and IPv6 mixed in one instance.</summary>
    public const string MixedFamilies = "APC201";
    /// <summary>A version / interval / family combination the protocol does not allow.</summary>
    public const string VersionConflict = "APC202";
    /// <summary>A reference to a script, track file or instance that is not defined.</summary>
    public const string UndefinedReference = "APC203";
    /// <summary>An inconsistent setting (no VIPs, IPv6 VIP not link-local first, bad heartbeat channel...).</summary>
    public const string Inconsistent = "APC204";
    /// <summary>TOML syntax error.</summary>
    public const string TomlSyntax = "APC300";
    /// <summary>A TOML key the schema does not know.</summary>
    public const string TomlUnknownKey = "APC301";
    /// <summary>A TOML value of the wrong type.</summary>
    public const string TomlType = "APC302";
    /// <summary>An interface named in the configuration does not exist on this host.</summary>
    public const string InterfaceMissing = "APC400";
    /// <summary>A script is missing, or insecure while enable_script_security is on: it is disabled.</summary>
    public const string ScriptSecurity = "APC401";
    /// <summary>Scripts, secure or not, while enable_script_security is off (keepalived's "SECURITY VIOLATION", exit 6).</summary>
    public const string ScriptSecurityViolation = "APC402";
}
