using Appliance.Platform.Linux.Loop;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Platform.Linux.Tests.Process;

/// <summary>A minimal loop for tests: poll the sources' descriptors until the earliest deadline,
/// serve what is due, until a condition holds or a deadline passes (never a fixed sleep).</summary>
internal static class SourceLoop
{
    public static bool RunUntil(Func<bool> done, TimeSpan limit, params ILoopSource[] sources)
    {
        var end = MonoClock.Now.Add(limit);
        var poller = new Poller();
        var slots = new int[sources.Length];
        for (int i = 0; i < sources.Length; i++) slots[i] = poller.Add(sources[i].PollFd);
        while (!done())
        {
            var now = MonoClock.Now;
            if (now >= end) return false;
            var deadline = end;
            for (int i = 0; i < sources.Length; i++)
            {
                poller.Set(slots[i], sources[i].PollFd);
                deadline = MonoTime.Min(deadline, sources[i].NextDeadline);
            }
            long ns = deadline.NanosecondsSince(now);
            poller.Wait(ns <= 0 ? 0 : (int)Math.Min(1000, (ns + 999_999) / 1_000_000));
            now = MonoClock.Now;
            for (int i = 0; i < sources.Length; i++)
                if (sources[i].PollFd >= 0 && poller.IsReady(slots[i])) sources[i].OnReadable(now);
            foreach (var s in sources)
                if (now >= s.NextDeadline) s.OnDeadline(now);
        }
        return true;
    }
}
