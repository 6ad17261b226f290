using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Host.SplitBrain;

namespace Appliance.Daemon.Loop;

/// <summary>
/// Thin adapters that put <see cref="HeartbeatService"/> into the loop without changing it: one
/// source per channel (its descriptor, re-read each turn, so a reopened tty is picked up) and one
/// for the service's deadlines (arbiter ticks and frame sending).
/// </summary>
internal static class HeartbeatSources
{
    public static void Register(EventLoop loop, HeartbeatService hb)
    {
        loop.Register(new Service(hb));
        for (int c = 0; c < hb.ChannelCount; c++) loop.Register(new Channel(hb, c));
    }

    private sealed class Service(HeartbeatService hb) : ILoopSource
    {
        public string Name => "heartbeat";

        public int PollFd => -1;

        public MonoTime NextDeadline => hb.NextDeadline;

        public void OnReadable(MonoTime now)
        {
        }

        public void OnDeadline(MonoTime now) => hb.OnDeadline(now);
    }

    private sealed class Channel(HeartbeatService hb, int index) : ILoopSource
    {
        public string Name { get; } = "heartbeat channel " + hb.Channels[index].Name;

        public int PollFd => hb.Channels[index].Transport.PollFd;

        public MonoTime NextDeadline => MonoTime.Never;

        public void OnReadable(MonoTime now) => hb.OnReadable(index, now);

        public void OnDeadline(MonoTime now)
        {
        }
    }
}
