namespace Appliance.Heartbeat.Wire;

/// <summary>One counter per <see cref="HeartbeatDropReason"/>; written on the loop thread, read by status output.</summary>
public sealed class HeartbeatDropCounters
{
    private readonly long[] _counts = new long[(int)HeartbeatDropReason.Replay + 1];

    /// <summary>Counts one drop.</summary>
    public void Count(HeartbeatDropReason reason)
    {
        if ((uint)reason < (uint)_counts.Length) _counts[(int)reason]++;
    }

    /// <summary>Drops counted for <paramref name="reason"/>.</summary>
    public long this[HeartbeatDropReason reason] => (uint)reason < (uint)_counts.Length ? Volatile.Read(ref _counts[(int)reason]) : 0;

    /// <summary>All drops, every reason but <see cref="HeartbeatDropReason.None"/>.</summary>
    public long Total
    {
        get
        {
            long t = 0;
            for (int i = 1; i < _counts.Length; i++) t += Volatile.Read(ref _counts[i]);
            return t;
        }
    }
}
