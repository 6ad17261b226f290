using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Daemon.Loop;

/// <summary>vrrp_startup_delay: one deadline that starts the instances, then leaves the loop.</summary>
internal sealed class StartupDelay(MonoTime startAt, EventLoop loop, Action<MonoTime> start) : ILoopSource
{
    private MonoTime _due = startAt;

    public string Name => "vrrp_startup_delay";

    public int PollFd => -1;

    public MonoTime NextDeadline => _due;

    public void OnReadable(MonoTime now)
    {
    }

    public void OnDeadline(MonoTime now)
    {
        _due = MonoTime.Never;
        loop.Unregister(this);
        start(now);
    }
}
