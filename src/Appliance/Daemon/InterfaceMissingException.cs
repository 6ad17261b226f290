using Appliance.Host;

namespace Appliance.Daemon;

/// <summary>An instance's interface does not exist (yet): the instance waits in FAULT for it, as
/// keepalived's does, instead of stopping the daemon.</summary>
internal sealed class InterfaceMissingException(string message) : DaemonStartupException(message);
