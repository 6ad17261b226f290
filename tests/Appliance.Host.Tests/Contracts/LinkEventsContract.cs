using Appliance.Testing.Lab;
using Appliance.Vrrp.Seams;

namespace Appliance.Host.Tests.Contracts;

/// <summary>
/// What every <see cref="ILinkEvents"/> must do: nothing queued reads as false; taking an interface
/// down and up again is seen, in that order, as events for its index with the operational flag.
/// </summary>
public abstract class LinkEventsContract
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <summary>Link events of a host with one interface the test can take down and up.</summary>
    protected sealed record Fixture(ILinkEvents Events, int InterfaceIndex, Action Down, Action Up, IDisposable Owner) : IDisposable
    {
        public void Dispose() => Owner.Dispose();
    }

    /// <summary>Opens it (may skip when the environment cannot host it).</summary>
    protected abstract Fixture Open();

    [SkippableFact]
    public void Nothing_happened_reads_as_no_event()
    {
        using var h = Open();
        Drain(h.Events);
        Assert.False(h.Events.TryRead(out _));
        Assert.False(h.Events.Overflowed);
    }

    [SkippableFact]
    public void Interface_down_then_up_is_seen_in_order_for_its_index()
    {
        using var h = Open();
        Drain(h.Events);
        h.Down();
        WaitFor(h, operational: false);
        h.Up();
        WaitFor(h, operational: true);
    }

    private static void WaitFor(Fixture h, bool operational)
    {
        Poll.Require(() =>
        {
            while (h.Events.TryRead(out var e))
                if (e.InterfaceIndex == h.InterfaceIndex && e.Operational == operational && !e.Deleted) return true;
            return false;
        }, s_timeout, $"interface {h.InterfaceIndex} {(operational ? "up" : "down")}");
    }

    private static void Drain(ILinkEvents events)
    {
        while (events.TryRead(out _)) { }
    }
}
