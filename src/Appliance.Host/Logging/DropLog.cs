using Appliance.Vrrp;
using Appliance.Vrrp.Wire;
using Serilog;
using Serilog.Events;

namespace Appliance.Host.Logging;

/// <summary>
/// Log lines about discarded adverts: at most one per (link or instance, reason) every ten
/// seconds, with the count held back meanwhile. The level check and the rate limit come before
/// any formatting, so a flood costs nothing but counters.
/// </summary>
public sealed class DropLog
{
    private readonly ILogger _log;
    private readonly RateLimiter _limiter;
    private readonly Dictionary<object, int> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<int> _free = new();
    private int _nextSlot;

    public DropLog(ILogger log, int owners)
    {
        _log = log;
        _limiter = new RateLimiter((owners + 1) * StateNames.DropReasonSlots, TimeSpan.FromSeconds(10));
    }

    /// <summary>Owners holding a slot now (links and instances).</summary>
    public int SlotsInUse => _slots.Count;

    /// <summary>Keys the rate limiter holds; flat across any number of reloads.</summary>
    public int LimiterKeys => _limiter.Keys;

    /// <summary>Gives a link or instance its slot range (start-up and reload): a slot freed by
    /// <see cref="Release"/> is reused, so reloads do not grow the table.</summary>
    public void Register(object owner)
    {
        if (_slots.ContainsKey(owner)) return;
        int slot = _free.Count > 0 ? _free.Pop() : _nextSlot++;
        _limiter.EnsureKeys((_nextSlot + 1) * StateNames.DropReasonSlots);
        _slots[owner] = slot;
    }

    /// <summary>Frees the slot of a link or instance a reload removed.</summary>
    public void Release(object owner)
    {
        if (!_slots.Remove(owner, out int slot)) return;
        for (int r = 0; r < StateNames.DropReasonSlots; r++) _limiter.Reset(slot * StateNames.DropReasonSlots + r);
        _free.Push(slot);
    }

    public void Dropped(VrrpLink link, DropReason reason, IpAddr source, MonoTime now)
    {
        if (!_log.IsEnabled(LogEventLevel.Warning)) return;
        if (!_limiter.Allow(Key(link, reason), now, out long held)) return;
        _log.Warning("[{Interface}] [{Family}] dropped advert from {Source}: {Reason} ({Held} more since the last report)",
            link.Name, link.Socket.Family == IpFamily.IPv4 ? "IPv4" : "IPv6", source.ToString(), StateNames.Of(reason), held);
    }

    public void Dropped(InstanceHost host, DropReason reason, IpAddr source, MonoTime now)
    {
        // Our own adverts echoed back and routine preemption discards are expected; keep them at debug.
        var level = reason is DropReason.OwnPacket or DropReason.LowerPriority ? LogEventLevel.Debug : LogEventLevel.Warning;
        if (!_log.IsEnabled(level)) return;
        if (!_limiter.Allow(Key(host, reason), now, out long held)) return;
        _log.Write(level, "{Prefix} dropped advert from {Source}: {Reason} ({Held} more since the last report)",
            host.Prefix, source.ToString(), StateNames.Of(reason), held);
    }

    // An owner without a slot is a bug (every link and host registers); it shares the last
    // range, which the limiter always holds, rather than going silent.
    private int Key(object owner, DropReason reason) =>
        (_slots.TryGetValue(owner, out int slot) ? slot : _nextSlot) * StateNames.DropReasonSlots + (int)reason;
}
