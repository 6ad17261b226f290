using Appliance.Platform.Linux.Board;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Daemon.Loop;

/// <summary>
/// The board's maintenance button as a loop source: each press (or long press) toggles
/// maintenance. The edges are read and debounced here, on the loop thread.
/// </summary>
internal sealed class MaintenanceSource(MaintenanceButton button, Action<MonoTime> toggle) : ILoopSource
{
    public string Name => $"maintenance button (line {button.Line})";

    public int PollFd => button.Fd;

    public MonoTime NextDeadline => MonoTime.Never;

    public void OnReadable(MonoTime now)
    {
        var (presses, longPresses) = button.Read();
        for (int i = 0; i < presses + longPresses; i++) toggle(now);
    }

    public void OnDeadline(MonoTime now)
    {
    }
}
