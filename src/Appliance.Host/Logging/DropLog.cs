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

    public DropLog(ILogger log, int owners)
    {
        _log = log;
        _limiter = new RateLimiter((owners + 1) * StateNames.DropReasonSlots, TimeSpan.FromSeconds(10));
    }

    /// <summary>Gives a link or instance its slot range; called at start-up only.</summary>
    public void Register(object owner) => _slots[owner] = _slots.Count;

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

    private int Key(object owner, DropReason reason) =>
        (_slots.TryGetValue(owner, out int slot) ? slot : _slots.Count) * StateNames.DropReasonSlots + (int)reason;
}
