namespace Appliance.Vrrp.Tracking;

/// <summary>
/// keepalived 2.2.7's counting for one <c>vrrp_track_process</c> (track_process.c): how many
/// running processes match, and whether that number is within <c>quorum</c>..<c>quorum_max</c>.
/// A change is judged only when the count crosses a bound (reaches <c>quorum</c> or
/// <c>quorum_max</c> + 1 going up; leaves <c>quorum</c> or reaches <c>quorum_max</c> going down).
/// The delays follow keepalived exactly, quirks included: <c>fork_delay</c> holds back a gain
/// caused by a tracked process forking (not one caused by an exec, which counts at once), and
/// <c>terminate_delay</c> holds back a loss caused by a process exiting (not one caused by an
/// exec into another program). A change in the other direction while a delay runs cancels it.
/// When a delay expires the verdict is simply "is the count in range now". Pure: times come in.
/// </summary>
public sealed class ProcessQuorum
{
    private MonoTime _forkDue = MonoTime.Never;
    private MonoTime _terminateDue = MonoTime.Never;

    /// <summary>A tracker needing <paramref name="quorum"/>..<paramref name="quorumMax"/> processes.</summary>
    public ProcessQuorum(int quorum, int quorumMax, Centiseconds forkDelay, Centiseconds terminateDelay)
    {
        if (quorum < 0 || quorumMax < quorum) throw new ArgumentOutOfRangeException(nameof(quorumMax), "need 0 <= quorum <= quorum_max");
        Quorum = quorum;
        QuorumMax = quorumMax;
        ForkDelay = forkDelay;
        TerminateDelay = terminateDelay;
        Status = TrackerStatus.Pending;
    }

    /// <summary>Fewest matching processes for the tracker to be up.</summary>
    public int Quorum { get; }

    /// <summary>Most matching processes for the tracker to be up (keepalived's default: no limit).</summary>
    public int QuorumMax { get; }

    /// <summary>How long a gain through a fork waits before it counts.</summary>
    public Centiseconds ForkDelay { get; }

    /// <summary>How long a loss through an exit waits before it counts.</summary>
    public Centiseconds TerminateDelay { get; }

    /// <summary>Matching processes now.</summary>
    public int Count { get; private set; }

    /// <summary>Pending until <see cref="Start"/>, then up (quorum met) or down.</summary>
    public TrackerStatus Status { get; private set; }

    /// <summary>When a running delay expires, or <see cref="MonoTime.Never"/>.</summary>
    public MonoTime NextDeadline => MonoTime.Min(_forkDue, _terminateDue);

    /// <summary>Whether <paramref name="count"/> processes meet the quorum.</summary>
    public bool InRange(int count) => count >= Quorum && count <= QuorumMax;

    /// <summary>The first verdict, from the start-up scan of /proc: no delay (keepalived likewise).</summary>
    public bool Start(int count)
    {
        Count = count;
        _forkDue = _terminateDue = MonoTime.Never;
        return SetStatus(InRange(count));
    }

    /// <summary>
    /// The count was re-read from scratch (after lost events): a change of verdict goes through
    /// the delay of its direction, as keepalived's reinitialise_track_processes does.
    /// </summary>
    public bool Rescan(int count, MonoTime now)
    {
        Count = count;
        _forkDue = _terminateDue = MonoTime.Never;
        bool up = InRange(count);
        if (up == (Status == TrackerStatus.Up)) return false;
        if (!up && TerminateDelay.Value > 0)
        {
            _terminateDue = now.Add(TerminateDelay);
            return false;
        }
        return SetStatus(up);
    }

    /// <summary>One more matching process: <paramref name="byFork"/> when a tracked process forked
    /// (the child inherits its match), false when a process exec'd into a match.
    /// Returns true when <see cref="Status"/> changed.</summary>
    public bool Added(bool byFork, MonoTime now)
    {
        Count++;
        if (Count != Quorum && Count != QuorumMax + 1) return false;
        if (!_terminateDue.IsNever)
        {
            _terminateDue = MonoTime.Never;
        }
        else if (byFork && ForkDelay.Value > 0)
        {
            _forkDue = now.Add(ForkDelay);
            return false;
        }
        return SetStatus(InRange(Count));
    }

    /// <summary>One matching process fewer: <paramref name="byExit"/> when it exited, false when it
    /// exec'd into something that no longer matches. Returns true when <see cref="Status"/> changed.</summary>
    public bool Removed(bool byExit, MonoTime now)
    {
        if (Count == 0) return false; // never below zero, whatever the event order
        int before = Count--;
        if (before != Quorum && Count != QuorumMax) return false;
        if (!_forkDue.IsNever)
        {
            _forkDue = MonoTime.Never;
        }
        else if (byExit && TerminateDelay.Value > 0)
        {
            _terminateDue = now.Add(TerminateDelay);
            return false;
        }
        return SetStatus(InRange(Count));
    }

    /// <summary>A delay expired: the verdict is whether the count is in range now.</summary>
    public bool OnDeadline(MonoTime now)
    {
        bool due = false;
        if (_forkDue <= now)
        {
            _forkDue = MonoTime.Never;
            due = true;
        }
        if (_terminateDue <= now)
        {
            _terminateDue = MonoTime.Never;
            due = true;
        }
        return due && SetStatus(InRange(Count));
    }

    private bool SetStatus(bool up)
    {
        var s = up ? TrackerStatus.Up : TrackerStatus.Down;
        if (s == Status) return false;
        Status = s;
        return true;
    }
}
