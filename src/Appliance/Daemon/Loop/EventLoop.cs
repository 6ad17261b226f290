using Appliance.Platform.Linux.Loop;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Daemon.Loop;

/// <summary>
/// The one loop: polls every registered <see cref="ILoopSource"/> and serves, each turn, the
/// sources whose descriptor is readable and those whose deadline has come. The pollfd set is
/// rebuilt from the sources (their <see cref="ILoopSource.PollFd"/> re-read before every wait),
/// so a new source is one class and one <see cref="Register"/> call, never a hand-counted slot.
/// </summary>
/// <remarks>
/// Fairness: the readable sources are served first, then the due deadlines, each pass
/// round-robin, starting one further along each turn; each readable source does one budget of
/// work (see <see cref="ILoopSource"/>); poll(2) is level-triggered, so what a source left is
/// served next turn after everybody else. Time: the clock is read before the wait
/// (to size the timeout) and once after it; that one <c>now</c> is what every source served in the
/// turn sees. Observers (the watchdog) see every turn, whoever was served.
/// </remarks>
internal sealed class EventLoop
{
    private readonly List<Entry> _entries = [];
    private readonly List<ILoopObserver> _observers = [];
    private readonly Poller _poller = new();
    private Entry[] _turn = [];
    private bool _changed = true;
    private bool _stopping;
    private int _start;

    /// <summary>Completed turns.</summary>
    public long Turns { get; private set; }

    /// <summary>The number of registered sources.</summary>
    public int SourceCount => _entries.Count;

    /// <summary>Adds a source; it is polled from the next turn on. <paramref name="critical"/>: a
    /// descriptor error on it tells the observers the loop is not healthy (VRRP sockets).</summary>
    public void Register(ILoopSource source, bool critical = false)
    {
        _entries.Add(new Entry(source, critical));
        _changed = true;
    }

    /// <summary>Removes a source (a reload stopped its instance or closed its socket). Safe during a
    /// turn: a source removed before its turn is not served.</summary>
    public void Unregister(ILoopSource source)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (!ReferenceEquals(_entries[i].Source, source)) continue;
            _entries[i].Active = false;
            _entries.RemoveAt(i);
            _changed = true;
            return;
        }
    }

    /// <summary>Adds an observer that sees every turn (the watchdog's health input).</summary>
    public void Observe(ILoopObserver observer) => _observers.Add(observer);

    /// <summary>Ends <see cref="Run"/> after the source being served returns.</summary>
    public void Stop() => _stopping = true;

    /// <summary>Runs turns until <see cref="Stop"/>; returns the time of the last turn. Exceptions
    /// escape to the caller (the daemon gives up its VIPs and exits).</summary>
    public MonoTime Run()
    {
        var now = MonoClock.Now;
        foreach (var o in _observers) o.OnLoopStarted(now);
        while (!_stopping) now = Turn();
        return now;
    }

    /// <summary>Tells the observers the loop ended (clean after SIGTERM/SIGINT).</summary>
    public void Stopped(bool clean)
    {
        foreach (var o in _observers) o.OnLoopStopped(clean);
    }

    /// <summary>One wait and the work it found.</summary>
    public MonoTime Turn()
    {
        if (_changed)
        {
            // Registration and reload time only: the steady state reuses the snapshot.
            _turn = [.. _entries];
            _poller.Resize(_turn.Length);
            _changed = false;
        }
        var turn = _turn;
        var now = MonoClock.Now;
        var deadline = MonoTime.Never;
        for (int i = 0; i < turn.Length; i++)
        {
            var s = turn[i].Source;
            _poller.Set(i, s.PollFd);
            deadline = MonoTime.Min(deadline, s.NextDeadline);
        }
        _poller.Wait(TimeoutMs(now, deadline));
        now = MonoClock.Now;
        Turns++;
        bool healthy = true;
        for (int i = 0; i < turn.Length; i++)
            if (turn[i].Critical && _poller.HasError(i)) healthy = false;
        foreach (var o in _observers) o.OnLoopTurn(now, healthy);

        int n = turn.Length;
        if (n == 0) return now;
        int first = _start++ % n;
        // Input first, then timers: an advert that arrived before a Master_Down deadline must
        // reset that timer before it is judged, or a late wake-up (a busy machine) finds both
        // pending and takes over spuriously. Within each pass, round-robin.
        for (int k = 0; k < n && !_stopping; k++)
        {
            int i = (first + k) % n;
            var e = turn[i];
            if (e.Active && _poller.IsReady(i)) e.Source.OnReadable(now);
        }
        for (int k = 0; k < n && !_stopping; k++)
        {
            var e = turn[(first + k) % n];
            if (e.Active && now >= e.Source.NextDeadline) e.Source.OnDeadline(now);
        }
        return now;
    }

    // poll(2) takes milliseconds: round up so we never wake just before a deadline and spin.
    private static int TimeoutMs(MonoTime now, MonoTime deadline)
    {
        if (deadline.IsNever) return 1000;
        long ns = deadline.NanosecondsSince(now);
        if (ns <= 0) return 0;
        return (int)Math.Min(1000, (ns + 999_999) / 1_000_000);
    }

    private sealed class Entry(ILoopSource source, bool critical)
    {
        public ILoopSource Source { get; } = source;

        public bool Critical { get; } = critical;

        public bool Active { get; set; } = true;
    }
}
