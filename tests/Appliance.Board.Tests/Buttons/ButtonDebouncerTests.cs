using Appliance.Board.Buttons;

namespace Appliance.Board.Tests.Buttons;

/// <summary>The maintenance button's debouncer, on kernel edge timestamps (ms here for reading).</summary>
public sealed class ButtonDebouncerTests
{
    private static ulong Ms(long ms) => (ulong)(ms * 1_000_000);

    [Fact]
    public void A_press_and_release_is_one_press_reported_on_release()
    {
        var b = new ButtonDebouncer();
        Assert.Equal(ButtonGesture.None, b.Edge(true, Ms(1000)));
        Assert.Equal(ButtonGesture.Press, b.Edge(false, Ms(1080)));
        Assert.Equal(1, b.Presses);
    }

    [Fact]
    public void Contact_bounce_within_the_debounce_time_is_ignored()
    {
        var b = new ButtonDebouncer();
        b.Edge(true, Ms(1000));
        Assert.Equal(ButtonGesture.None, b.Edge(false, Ms(1003)));
        Assert.Equal(ButtonGesture.None, b.Edge(true, Ms(1006)));
        Assert.Equal(ButtonGesture.Press, b.Edge(false, Ms(1100)));
        Assert.Equal(1, b.Presses);
        Assert.Equal(1, b.Bounces);
    }

    [Fact]
    public void Holding_for_the_long_press_time_is_a_long_press_not_a_press()
    {
        var b = new ButtonDebouncer();
        b.Edge(true, Ms(1000));
        Assert.Equal(ButtonGesture.LongPress, b.Edge(false, Ms(3000)));
        Assert.Equal(0, b.Presses);
        Assert.Equal(1, b.LongPresses);
    }

    [Fact]
    public void A_level_the_button_is_already_at_changes_nothing()
    {
        var b = new ButtonDebouncer();
        Assert.Equal(ButtonGesture.None, b.Edge(false, Ms(10)));
        b.Edge(true, Ms(100));
        Assert.Equal(ButtonGesture.None, b.Edge(true, Ms(200)));
        Assert.Equal(ButtonGesture.Press, b.Edge(false, Ms(300)));
    }

    [Fact]
    public void Edges_are_judged_by_their_timestamps_not_by_when_they_are_read()
    {
        // Both edges of an 80 ms pulse read in one batch, long after they happened.
        var b = new ButtonDebouncer();
        b.Edge(true, Ms(5000));
        Assert.Equal(ButtonGesture.Press, b.Edge(false, Ms(5080)));
    }

    [Fact]
    public void Debouncing_allocates_nothing()
    {
        var b = new ButtonDebouncer();
        b.Edge(true, 1);
        b.Edge(false, Ms(100));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long i = 1; i <= 10_000; i++)
        {
            b.Edge(true, Ms(1000 * i));
            b.Edge(false, Ms(1000 * i + 100));
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
