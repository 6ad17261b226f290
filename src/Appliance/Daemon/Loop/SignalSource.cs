using Appliance.Platform.Linux.Signals;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Daemon.Loop;

/// <summary>SIGTERM/SIGINT/SIGHUP/SIGUSR1/SIGUSR2/SIGRTMIN+2 (through their eventfd) as a loop source.</summary>
internal sealed class SignalSource(SignalEvents signals, Action<DaemonSignal, MonoTime> onSignal) : ILoopSource
{
    public string Name => "signals";

    public int PollFd => signals.Fd;

    public MonoTime NextDeadline => MonoTime.Never;

    public void OnReadable(MonoTime now)
    {
        var sig = signals.Take();
        if (sig != DaemonSignal.None) onSignal(sig, now);
    }

    public void OnDeadline(MonoTime now)
    {
    }
}
