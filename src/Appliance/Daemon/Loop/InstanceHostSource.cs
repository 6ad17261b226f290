using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Host;

namespace Appliance.Daemon.Loop;

/// <summary>
/// One instance's timers (the protocol timer and the GARP announcer) as a loop source. It also
/// counts protocol deadlines served more than one advert interval late: a master's late deadline
/// is a late advert, the counter the flood test reads from the status file.
/// </summary>
internal sealed class InstanceHostSource(InstanceHost host) : ILoopSource
{
    public InstanceHost Host { get; } = host;

    public string Name => Host.Prefix;

    /// <summary>When the daemon adopted the instance (start-up, a reload, or its interface appearing):
    /// where RFC 6527's row discontinuity time comes from.</summary>
    public MonoTime AdoptedAt { get; init; }

    public int PollFd => -1;

    public MonoTime NextDeadline => Host.NextDeadline;

    /// <summary>Protocol deadlines served later than one advert interval after they were due.</summary>
    public long LateDeadlines { get; private set; }

    /// <summary>The worst lateness seen, in microseconds.</summary>
    public long MaxLatenessUs { get; private set; }

    public void OnReadable(MonoTime now)
    {
    }

    public void OnDeadline(MonoTime now)
    {
        var due = Host.Instance.NextDeadline;
        if (!due.IsNever && now >= due)
        {
            long lateNs = now.NanosecondsSince(due);
            if (lateNs > Host.Instance.Settings.AdvertInterval.Nanoseconds) LateDeadlines++;
            if (lateNs / 1000 > MaxLatenessUs) MaxLatenessUs = lateNs / 1000;
        }
        Host.OnDeadline(now);
    }
}
