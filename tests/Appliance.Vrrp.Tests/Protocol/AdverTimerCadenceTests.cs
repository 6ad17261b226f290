using Appliance.Vrrp.Protocol;
using static Appliance.Vrrp.Tests.Protocol.InstanceHarness;

namespace Appliance.Vrrp.Tests.Protocol;

/// <summary>RFC 9568 §6.4.3 Adver_Timer: the configured rate holds however late the host wakes (issue 9).
/// Simulated time only.</summary>
public class AdverTimerCadenceTests
{
    private static int CountAdverts(InstanceAction[] actions) => actions.Count(a => a.Kind == ActionKind.SendAdvert);

    [Fact]
    public void Master_adver_timer_is_due_one_interval_after_the_previous_deadline_not_after_the_late_wakeup()
    {
        var h = new InstanceHarness(Settings() with { AdvertInterval = new Centiseconds(1) }); // 10 ms
        h.MakeMaster();
        var start = h.Instance.NextDeadline;
        int adverts = 0;
        // A host that always wakes 3 ms after the deadline (30 % of the interval), for 60 s.
        var end = start.AddNanoseconds(60_000_000_000);
        while (h.Instance.NextDeadline < end)
        {
            var deadline = h.Instance.NextDeadline;
            adverts += CountAdverts(h.TickAt(deadline.AddNanoseconds(3_000_000)));
            Assert.Equal(deadline.AddNanoseconds(10_000_000), h.Instance.NextDeadline);
        }
        Assert.Equal(6000, adverts);
    }

    [Fact]
    public void Master_woken_late_by_less_than_an_interval_sends_one_catch_up_advert_then_keeps_the_cadence()
    {
        var h = new InstanceHarness();
        h.MakeMaster(); // next deadline 4.609375
        Assert.Equal(1, CountAdverts(h.Tick(5.9)));
        Assert.Equal(At(5.609375), h.Deadline);
        Assert.Equal(1, CountAdverts(h.Tick(5.9)));
        Assert.Equal(At(6.609375), h.Deadline);
    }

    [Fact]
    public void Master_stalled_for_many_intervals_sends_one_advert_and_resyncs_without_a_burst()
    {
        var h = new InstanceHarness();
        h.MakeMaster();
        Assert.Equal(1, CountAdverts(h.Tick(30)));
        Assert.Equal(At(31), h.Deadline);
        Assert.Empty(h.Tick(30));
    }
}
