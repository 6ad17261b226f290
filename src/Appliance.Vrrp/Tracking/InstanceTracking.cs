namespace Appliance.Vrrp.Tracking;

/// <summary>
/// Every tracker of one instance and the priority they give it, as keepalived 2.2.7 computes it
/// (vrrp_track.c, vrrp_set_effective_priority): total = base priority + each tracker's
/// contribution; the effective priority is the total clamped to 1..254; an address owner (base
/// 255) keeps 255 whatever its trackers say; any weight-0 tracker that fails, or a file whose
/// status reaches -254, puts the instance in FAULT (the owner too). Pure: the host feeds tracker
/// verdicts in and reads the result; nothing here reads a clock or does I/O.
/// </summary>
public sealed class InstanceTracking
{
    private readonly TrackerSpec[] _specs;
    private readonly TrackerStatus[] _status;
    private readonly long[] _fileValues;

    /// <summary>An instance with <paramref name="basePriority"/> (1..255) and its trackers, all
    /// pending (files at value 0) until the host reports their first state.</summary>
    public InstanceTracking(byte basePriority, ReadOnlySpan<TrackerSpec> trackers)
    {
        if (basePriority == 0) throw new ArgumentOutOfRangeException(nameof(basePriority), "priority 0 is reserved");
        BasePriority = basePriority;
        _specs = trackers.ToArray();
        _status = new TrackerStatus[_specs.Length];
        _fileValues = new long[_specs.Length];
        for (int i = 0; i < _specs.Length; i++)
            if (_specs[i].Kind == TrackerKind.File) _status[i] = TrackerStatus.Up;
        Recompute();
    }

    /// <summary>The configured priority.</summary>
    public byte BasePriority { get; }

    /// <summary>True for an address owner: trackers never move its priority.</summary>
    public bool IsOwner => BasePriority == 255;

    /// <summary>Base plus contributions, before clamping (keepalived's total_priority).</summary>
    public int TotalPriority { get; private set; }

    /// <summary>The priority to advertise: 255 for an owner, otherwise <see cref="TotalPriority"/> clamped to 1..254.</summary>
    public byte EffectivePriority { get; private set; }

    /// <summary>True while any tracker holds the instance in FAULT.</summary>
    public bool Faulted => FaultCount > 0;

    /// <summary>
    /// True while a weight-0 up/down tracker has no verdict yet (a vrrp_script before its first
    /// run ends). keepalived keeps such an instance in INIT, silently, until the verdict: its
    /// first notification is then BACKUP (or FAULT if the script failed), never a FAULT followed
    /// by BACKUP; the notify side-by-side test showed it. The host defers the instance's start
    /// while this holds.
    /// </summary>
    public bool AwaitsFirstVerdict
    {
        get
        {
            for (int i = 0; i < _specs.Length; i++)
                if (_specs[i].Kind != TrackerKind.File && _specs[i].Weight == 0 && _status[i] == TrackerStatus.Pending) return true;
            return false;
        }
    }

    /// <summary>How many trackers hold the instance in FAULT.</summary>
    public int FaultCount { get; private set; }

    /// <summary>The trackers, in the order given.</summary>
    public ReadOnlySpan<TrackerSpec> Trackers => _specs;

    /// <summary>The tracker whose update last moved the effective priority or the fault state;
    /// -1 while none has.</summary>
    public int LastMover { get; private set; } = -1;

    /// <summary>The name of <see cref="LastMover"/>, or null.</summary>
    public string? LastMoverName => LastMover < 0 ? null : _specs[LastMover].Name;

    /// <summary>The current state of an up/down tracker.</summary>
    public TrackerStatus StatusOf(int tracker) => _status[tracker];

    /// <summary>The last value read for a file tracker.</summary>
    public long FileValueOf(int tracker) => _fileValues[tracker];

    /// <summary>What <paramref name="tracker"/> adds to the total now (0 while it faults the instance).</summary>
    public int ContributionOf(int tracker)
    {
        ref readonly var s = ref _specs[tracker];
        if (s.Kind == TrackerKind.File)
        {
            int f = TrackWeight.FileStatus(_fileValues[tracker], s.Weight, s.Reverse);
            return f == TrackWeight.FileFault ? 0 : f;
        }
        return TrackWeight.Contribution(s.Weight, s.Reverse, _status[tracker]);
    }

    /// <summary>Whether <paramref name="tracker"/> holds the instance in FAULT now.</summary>
    public bool FaultsNow(int tracker)
    {
        ref readonly var s = ref _specs[tracker];
        if (s.Kind == TrackerKind.File) return TrackWeight.FileStatus(_fileValues[tracker], s.Weight, s.Reverse) == TrackWeight.FileFault;
        return TrackWeight.Faults(s.Weight, s.Reverse, _status[tracker]);
    }

    /// <summary>Reports the state of an interface, script or process tracker.</summary>
    public TrackingChange Set(int tracker, TrackerStatus status)
    {
        if (_specs[tracker].Kind == TrackerKind.File) throw new InvalidOperationException("a file tracker takes values, not states");
        if (_status[tracker] == status) return default;
        _status[tracker] = status;
        return Apply(tracker);
    }

    /// <summary>Reports the value read from a tracked file (already clamped to -254..254 by the reader).</summary>
    public TrackingChange SetFileValue(int tracker, long value)
    {
        if (_specs[tracker].Kind != TrackerKind.File) throw new InvalidOperationException("only a file tracker takes values");
        if (_fileValues[tracker] == value) return default;
        _fileValues[tracker] = value;
        return Apply(tracker);
    }

    private TrackingChange Apply(int tracker)
    {
        byte before = EffectivePriority;
        bool faultedBefore = Faulted;
        Recompute();
        var change = new TrackingChange(EffectivePriority != before, Faulted != faultedBefore);
        if (change.Any) LastMover = tracker;
        return change;
    }

    private void Recompute()
    {
        int total = BasePriority;
        int faults = 0;
        for (int i = 0; i < _specs.Length; i++)
        {
            if (FaultsNow(i)) faults++;
            else total += ContributionOf(i);
        }
        TotalPriority = total;
        FaultCount = faults;
        // keepalived vrrp_set_effective_priority: below 1 → 1, 255 and above → 254; owner untouched.
        EffectivePriority = IsOwner ? (byte)255 : (byte)Math.Clamp(total, 1, 254);
    }
}
