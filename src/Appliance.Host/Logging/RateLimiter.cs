using Appliance.Vrrp;

namespace Appliance.Host.Logging;

/// <summary>
/// Allows one log line per key per period and counts what it suppressed, so a flood of bad
/// packets costs a counter increment each, not a log line each (keepalived logs each drop once,
/// rate-limited). A fixed array indexed by key: no allocation.
/// </summary>
public sealed class RateLimiter
{
    private MonoTime[] _next;
    private long[] _suppressed;
    private readonly long _periodNs;

    public RateLimiter(int keys, TimeSpan period)
    {
        _next = new MonoTime[keys];
        _suppressed = new long[keys];
        _periodNs = period.Ticks * 100;
    }

    /// <summary>The number of keys it can tell apart.</summary>
    public int Keys => _next.Length;

    /// <summary>Makes room for <paramref name="keys"/> keys (a reload added owners); existing keys keep their state.</summary>
    public void EnsureKeys(int keys)
    {
        if (keys <= _next.Length) return;
        Array.Resize(ref _next, keys);
        Array.Resize(ref _suppressed, keys);
    }

    /// <summary>Forgets <paramref name="key"/> (its owner is gone), so the next owner of the key starts clean.</summary>
    public void Reset(int key)
    {
        if ((uint)key >= (uint)_next.Length) return;
        _next[key] = default;
        _suppressed[key] = 0;
    }

    /// <summary>True when a line for <paramref name="key"/> may be written now; <paramref name="suppressed"/>
    /// is how many were held back since the last one.</summary>
    public bool Allow(int key, MonoTime now, out long suppressed)
    {
        suppressed = 0;
        if ((uint)key >= (uint)_next.Length) return false;
        if (now < _next[key])
        {
            _suppressed[key]++;
            return false;
        }
        suppressed = _suppressed[key];
        _suppressed[key] = 0;
        _next[key] = now.AddNanoseconds(_periodNs);
        return true;
    }
}
