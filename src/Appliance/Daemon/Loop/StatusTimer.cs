using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Daemon.Loop;

/// <summary>Rewrites the status file every interval (SIGUSR1 writes it at once besides).</summary>
internal sealed class StatusTimer(StatusWriter writer, Daemon daemon, TimeSpan interval, MonoTime first) : ILoopSource
{
    private readonly long _intervalNs = interval.Ticks * 100;
    private MonoTime _due = first;

    public string Name => "status file";

    public int PollFd => -1;

    public MonoTime NextDeadline => _due;

    public void OnReadable(MonoTime now)
    {
    }

    public void OnDeadline(MonoTime now)
    {
        writer.Write(daemon, now);
        _due = now.AddNanoseconds(_intervalNs);
    }
}
