namespace Appliance.Daemon;

/// <summary>The daemon cannot start (missing interface, no primary address, duplicate VRID): a message for the operator.</summary>
internal class DaemonStartupException(string message) : Exception(message);

/// <summary>An instance's interface does not exist (yet): the instance waits in FAULT for it, as
/// keepalived's does, instead of stopping the daemon.</summary>
internal sealed class InterfaceMissingException(string message) : DaemonStartupException(message);
