using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Tracking;

namespace Appliance.Platform.Linux.ProcConnector;

/// <summary>
/// vrrp_track_process as one loop source: a start-up scan of /proc counts the matching processes
/// of each tracker, then the kernel's process events keep the counts (keepalived 2.2.7's
/// track_process.c, re-written): a fork of a counted process counts the child; an exec or comm
/// change re-tests the process; an exit uncounts it. Threads are ignored. The pure
/// <see cref="ProcessQuorum"/> of each tracker turns counts into up/down, with its delays, and
/// <paramref name="onStatus"/> hears every change.
/// Scope: events cover the whole host, not one network namespace, and, like keepalived, a
/// process is matched by its comm or command line only; so a router in a namespace counts a
/// matching process of any namespace. Lost events (ENOBUFS) schedule a fresh scan a second
/// later, as keepalived does. Malformed datagrams are counted, never fatal.
/// </summary>
public sealed class ProcessWatchSource : ILoopSource, IDisposable
{
    private const int Budget = 64;
    private static readonly Centiseconds s_rescanAfter = Centiseconds.FromSeconds(1);
    private readonly ProcessPattern[] _patterns;
    private readonly ProcessQuorum[] _quorums;
    private readonly Action<int, TrackerStatus, MonoTime> _onStatus;
    private readonly Dictionary<int, ulong> _counted = new(256);
    private readonly byte[] _comm = new byte[ProcTable.CommMax + 1];
    private readonly byte[] _cmdline;
    private readonly bool _needCmdline;
    private ProcConnectorSocket? _socket;
    private MonoTime _rescanDue = MonoTime.Never;

    /// <summary>Trackers (at most 64), each a pattern and its quorum; none is started yet.</summary>
    public ProcessWatchSource(IReadOnlyList<(ProcessPattern Pattern, ProcessQuorum Quorum)> trackers, Action<int, TrackerStatus, MonoTime> onStatus)
    {
        if (trackers.Count > 64) throw new ArgumentOutOfRangeException(nameof(trackers), "at most 64 vrrp_track_process blocks");
        _patterns = new ProcessPattern[trackers.Count];
        _quorums = new ProcessQuorum[trackers.Count];
        int need = 0;
        for (int i = 0; i < trackers.Count; i++)
        {
            (_patterns[i], _quorums[i]) = trackers[i];
            if (_patterns[i].FullCommand)
            {
                _needCmdline = true;
                need = Math.Max(need, _patterns[i].CmdlineBytesNeeded);
            }
        }
        _cmdline = new byte[need];
        _onStatus = onStatus;
    }

    /// <inheritdoc />
    public string Name => "track_process";

    /// <inheritdoc />
    public int PollFd => _socket?.Fd ?? -1;

    /// <inheritdoc />
    public MonoTime NextDeadline
    {
        get
        {
            var due = _rescanDue;
            foreach (var q in _quorums) due = MonoTime.Min(due, q.NextDeadline);
            return due;
        }
    }

    /// <summary>Where the events socket lives, or null when events are not available.</summary>
    public string? EventsFrom => _socket?.Where;

    /// <summary>Process events used.</summary>
    public long Events { get; private set; }

    /// <summary>Connector messages skipped as malformed or not ours (counted by reason).</summary>
    public long[] Drops { get; } = new long[5];

    /// <summary>Times events were lost and /proc was read again.</summary>
    public long Rescans { get; private set; }

    /// <summary>The quorum of tracker <paramref name="i"/> (count and status, for the status file and tests).</summary>
    public ProcessQuorum Quorum(int i) => _quorums[i];

    /// <summary>
    /// Subscribes to the events first, then scans /proc (so nothing starts between the two
    /// unseen; a process seen twice is counted once). Returns the subscription error, if any:
    /// the trackers then keep what the scan found.
    /// </summary>
    public PlatformException? Start(MonoTime now)
    {
        PlatformException? error = null;
        try
        {
            _socket = ProcConnectorSocket.Open();
        }
        catch (PlatformException e)
        {
            error = e;
        }
        var counts = Scan();
        for (int i = 0; i < _quorums.Length; i++) _quorums[i].Start(counts[i]);
        return error;
    }

    private int[] Scan()
    {
        _counted.Clear();
        var counts = new int[_quorums.Length];
        foreach (int pid in ProcTable.Pids())
        {
            ulong mask = MatchMask(pid);
            if (mask == 0) continue;
            _counted[pid] = mask;
            for (int i = 0; i < _quorums.Length; i++)
                if ((mask & (1UL << i)) != 0) counts[i]++;
        }
        return counts;
    }

    private ulong MatchMask(int pid)
    {
        if (!ProcTable.Read(pid, _comm, out int commLength, _needCmdline ? _cmdline : [], out int cmdLength)) return 0;
        ulong mask = 0;
        for (int i = 0; i < _patterns.Length; i++)
            if (_patterns[i].Matches(_comm.AsSpan(0, commLength), _cmdline.AsSpan(0, cmdLength))) mask |= 1UL << i;
        return mask;
    }

    /// <inheritdoc />
    public void OnReadable(MonoTime now)
    {
        if (_socket is null) return;
        for (int d = 0; d < Budget; d++)
        {
            int n = _socket.TryReceive(out var datagram);
            if (n == 0) return;
            if (n < 0)
            {
                // ENOBUFS: the queue overflowed and events are gone; read /proc again once things settle.
                if (-n == Libc.ENOBUFS && _rescanDue.IsNever) _rescanDue = now.Add(s_rescanAfter);
                return;
            }
            Handle(datagram, now);
        }
    }

    /// <summary>Applies every event of one connector datagram (tests feed crafted ones).</summary>
    public void Handle(ReadOnlySpan<byte> datagram, MonoTime now)
    {
        var reader = new ProcEventReader(datagram);
        while (reader.Next(out var e, out var drop))
        {
            if (drop != ProcEventDrop.None)
            {
                Drops[(int)drop]++;
                continue;
            }
            if (!e.IsProcess || e.Kind == ProcEventKind.Other) continue;
            Events++;
            switch (e.Kind)
            {
                case ProcEventKind.Fork:
                    // A child inherits what its parent counts for (keepalived check_process_fork).
                    if (_counted.TryGetValue(e.ParentTgid, out ulong parent)) Move(e.Tgid, parent, byFork: true, byExit: false, now);
                    break;
                case ProcEventKind.Exec or ProcEventKind.Comm:
                    Move(e.Tgid, MatchMask(e.Tgid), byFork: false, byExit: false, now);
                    break;
                case ProcEventKind.Exit:
                    Move(e.Tgid, 0, byFork: false, byExit: true, now);
                    break;
            }
        }
    }

    private void Move(int pid, ulong mask, bool byFork, bool byExit, MonoTime now)
    {
        _counted.TryGetValue(pid, out ulong old);
        if (old == mask) return;
        if (mask == 0) _counted.Remove(pid);
        else _counted[pid] = mask;
        for (int i = 0; i < _quorums.Length; i++)
        {
            ulong bit = 1UL << i;
            bool changed = false;
            if ((mask & bit) != 0 && (old & bit) == 0) changed = _quorums[i].Added(byFork, now);
            else if ((mask & bit) == 0 && (old & bit) != 0) changed = _quorums[i].Removed(byExit, now);
            if (changed) _onStatus(i, _quorums[i].Status, now);
        }
    }

    /// <inheritdoc />
    public void OnDeadline(MonoTime now)
    {
        if (_rescanDue <= now)
        {
            _rescanDue = MonoTime.Never;
            Rescans++;
            // Drain what is queued first: it predates the scan.
            while (_socket is not null && _socket.TryReceive(out _) > 0)
            {
            }
            var counts = Scan();
            for (int i = 0; i < _quorums.Length; i++)
                if (_quorums[i].Rescan(counts[i], now)) _onStatus(i, _quorums[i].Status, now);
        }
        for (int i = 0; i < _quorums.Length; i++)
            if (_quorums[i].OnDeadline(now)) _onStatus(i, _quorums[i].Status, now);
    }

    /// <inheritdoc />
    public void Dispose() => _socket?.Dispose();
}
