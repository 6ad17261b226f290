using System.Globalization;
using Appliance.Board;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// systemd's service watchdog: <c>WATCHDOG=1</c> over <c>NOTIFY_SOCKET</c>. The timeout is the
/// unit's <c>WatchdogSec=</c>, which systemd passes as <c>WATCHDOG_USEC</c>; the one asked for is
/// ignored. There is nothing to disarm: systemd stops watching when the service stops, and a
/// crashed service is restarted according to the unit's <c>Restart=</c>.
/// </summary>
public sealed class SystemdWatchdog : IWatchdog
{
    private readonly SdNotify _notify;
    private readonly Func<string, string?> _getenv;
    private readonly int _pid;
    private bool _running;

    /// <summary>Feeds systemd through <paramref name="notify"/> (not owned).</summary>
    /// <param name="notify">The notify socket.</param>
    /// <param name="getenv">Environment lookup (tests inject it).</param>
    /// <param name="pid">This process's id, checked against WATCHDOG_PID.</param>
    public SystemdWatchdog(SdNotify notify, Func<string, string?> getenv, int pid)
    {
        _notify = notify;
        _getenv = getenv;
        _pid = pid;
    }

    /// <inheritdoc />
    public string Description => $"systemd watchdog via {_notify.Address}";

    /// <inheritdoc />
    public TimeSpan Start(TimeSpan timeout)
    {
        if (_running) throw new InvalidOperationException("the systemd watchdog is already started");
        string? usecText = _getenv("WATCHDOG_USEC");
        if (!long.TryParse(usecText, NumberStyles.None, CultureInfo.InvariantCulture, out long usec) || usec <= 0)
            throw new InvalidOperationException(
                "systemd's watchdog is not enabled for this service (no WATCHDOG_USEC): set WatchdogSec= in the unit, or choose another watchdog kind");
        string? pidText = _getenv("WATCHDOG_PID");
        if (pidText is not null && pidText != _pid.ToString(CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"WATCHDOG_PID {pidText} is not this process ({_pid}); set NotifyAccess=main and run the daemon as the main process");
        _running = true;
        return TimeSpan.FromTicks(usec * 10);
    }

    /// <inheritdoc />
    public bool Pet() => _running && _notify.Watchdog();

    /// <inheritdoc />
    public void Stop(bool clean) => _running = false;

    /// <inheritdoc />
    public void Dispose() => _running = false;
}
