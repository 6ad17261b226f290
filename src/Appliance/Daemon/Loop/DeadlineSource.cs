using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Daemon.Loop;

/// <summary>A participant with deadlines and no descriptor (LEDs, the watchdog) as a loop source.</summary>
internal sealed class DeadlineSource(string name, IDeadlineParticipant participant) : ILoopSource
{
    public string Name { get; } = name;

    public int PollFd => -1;

    public MonoTime NextDeadline => participant.NextDeadline;

    public void OnReadable(MonoTime now)
    {
    }

    public void OnDeadline(MonoTime now) => participant.OnDeadline(now);
}
