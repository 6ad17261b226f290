using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Tracking;

namespace Appliance.Platform.Linux.Process;

/// <summary>
/// One <c>vrrp_script</c> as a loop source. Every <c>interval</c> it starts the script (never
/// blocking the loop beyond the spawn); while it runs, <see cref="PollFd"/> is the child's pidfd,
/// which the loop polls and which becomes readable when the child exits; <see cref="OnReadable"/>
/// reaps it and counts the verdict. A run still going at its <c>timeout</c> has its process group
/// SIGKILLed and counts as a failure at once; the killed child is reaped when its pidfd turns
/// readable. As keepalived does, a run is skipped while the previous one is still alive, and
/// each run's verdict goes through the rise/fall <see cref="ScriptCounter"/>.
/// </summary>
public sealed class ScriptTrackerSource : ILoopSource, IDisposable
{
    private readonly IReadOnlyList<string> _argv;
    private readonly string? _user;
    private readonly long _intervalNs;
    private readonly long _timeoutNs;
    private readonly IChildSpawner _spawner;
    private readonly Action<ScriptTrackerSource, ScriptOutcome> _onOutcome;
    private ChildProcess? _child;
    private bool _killed;
    private bool _intervalStopped;
    private MonoTime _nextStart = MonoTime.Never;
    private MonoTime _killAt = MonoTime.Never;

    /// <summary>A script tracker; call <see cref="Start"/> to schedule its first run.</summary>
    /// <param name="name">The vrrp_script name.</param>
    /// <param name="argv">The command, split as keepalived splits it.</param>
    /// <param name="user">The configured script user (handed to the spawner), or null.</param>
    /// <param name="interval">Time between starts.</param>
    /// <param name="timeout">How long a run may take; zero or less: the interval.</param>
    /// <param name="counter">The rise/fall state.</param>
    /// <param name="spawner">Starts the child.</param>
    /// <param name="onOutcome">Told of every counted run, on the loop thread.</param>
    public ScriptTrackerSource(string name, IReadOnlyList<string> argv, string? user, TimeSpan interval, TimeSpan timeout,
        ScriptCounter counter, IChildSpawner spawner, Action<ScriptTrackerSource, ScriptOutcome> onOutcome)
    {
        Name = name;
        _argv = argv;
        _user = user;
        _intervalNs = Math.Max(0, interval.Ticks * 100);
        _timeoutNs = timeout > TimeSpan.Zero ? timeout.Ticks * 100 : Math.Max(1, _intervalNs);
        Counter = counter;
        _spawner = spawner;
        _onOutcome = onOutcome;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The rise/fall state of this script.</summary>
    public ScriptCounter Counter { get; }

    /// <summary>The running child's pid, or 0.</summary>
    public int RunningPid => _child?.Pid ?? 0;

    /// <summary>Runs started.</summary>
    public long Started { get; private set; }

    /// <summary>Runs killed at their timeout.</summary>
    public long TimedOut { get; private set; }

    /// <summary>Runs skipped because the previous one was still alive.</summary>
    public long Skipped { get; private set; }

    /// <inheritdoc />
    public int PollFd => _child?.PollFd ?? -1;

    /// <inheritdoc />
    public MonoTime NextDeadline
    {
        get
        {
            if (_child is null) return _nextStart;
            return _killed ? MonoTime.Never : _killAt;
        }
    }

    /// <summary>Schedules the first run at <paramref name="now"/> (keepalived runs every script at start-up).</summary>
    public void Start(MonoTime now) => _nextStart = now;

    /// <summary>Starts no further runs; a run under way still finishes (or times out) and is reaped.</summary>
    public void Stop()
    {
        _nextStart = MonoTime.Never;
        _intervalStopped = true;
    }

    /// <inheritdoc />
    public void OnDeadline(MonoTime now)
    {
        if (_child is not null)
        {
            if (_killed || now < _killAt) return;
            _child.KillGroup();
            _killed = true;
            TimedOut++;
            Report(ScriptOutcomeKind.TimedOut, default, default, now);
            return;
        }
        if (_intervalStopped || now < _nextStart) return;
        _nextStart = now.AddNanoseconds(_intervalNs);
        Run(now);
    }

    /// <inheritdoc />
    public void OnReadable(MonoTime now)
    {
        if (_child is null || !_child.TryReap(out var exit)) return;
        bool killed = _killed;
        _child.Dispose();
        _child = null;
        _killed = false;
        _killAt = MonoTime.Never;
        // Starts that fell due while this run was alive are skipped, not made up (keepalived:
        // "expect idle - skipping run").
        if (_intervalNs > 0 && !_intervalStopped && _nextStart <= now)
        {
            long missed = (now.NanosecondsSince(_nextStart) / _intervalNs) + 1;
            Skipped += missed;
            _nextStart = _nextStart.AddNanoseconds(missed * _intervalNs);
        }
        if (killed) return; // already counted as a failure when it was killed
        Report(exit.Exited ? ScriptOutcomeKind.Exited : ScriptOutcomeKind.Signalled, exit, default, now);
    }

    private void Run(MonoTime now)
    {
        Started++;
        if (!_spawner.TrySpawn(_argv, _user, out var child, out var error) || child is null)
        {
            Report(ScriptOutcomeKind.SpawnFailed, default, error, now);
            return;
        }
        _child = child;
        _killed = false;
        _killAt = now.AddNanoseconds(_timeoutNs);
    }

    private void Report(ScriptOutcomeKind kind, ChildExit exit, Interop.Errno error, MonoTime now)
    {
        bool success = kind == ScriptOutcomeKind.Exited && exit.Success;
        bool changed = Counter.Report(success);
        _onOutcome(this, new ScriptOutcome(kind, exit, error, changed, Counter.Status, now));
    }

    /// <summary>Kills and reaps a running child (shutdown, reload).</summary>
    public void Dispose()
    {
        _child?.Dispose();
        _child = null;
    }
}
