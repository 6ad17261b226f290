namespace Appliance.Host;

/// <summary>The daemon cannot start (missing interface, no primary address, duplicate VRID): a message for the operator.</summary>
public class DaemonStartupException(string message) : Exception(message);
