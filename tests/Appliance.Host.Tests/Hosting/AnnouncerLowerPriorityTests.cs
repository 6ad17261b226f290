using Appliance.Config.Model;
using Appliance.Testing.Seams;
using Appliance.Vrrp.Wire;

namespace Appliance.Host.Tests.Hosting;

/// <summary>keepalived's garp_lower_prio_repeat / garp_lower_prio_delay: a master that hears a
/// lower priority announces its VIPs that many rounds at once, and again after the delay.</summary>
public sealed class AnnouncerLowerPriorityTests
{
    private static (Announcer, FrameRecorder) Build(int repeat, Centiseconds delay)
    {
        var frames = new FrameRecorder(2);
        var arp = new byte[ArpFrame.Length];
        ArpFrame.BuildGratuitous(arp, MacAddress.Virtual(IpFamily.IPv4, 51), IpAddr.Parse("192.0.2.1"));
        var garp = new GarpSettings { MasterRepeat = 1, MasterDelay = Centiseconds.Zero };
        return (new Announcer([arp], frames, 2, garp, IpFamily.IPv4) { LowerPriorityRepeat = repeat, LowerPriorityDelay = delay }, frames);
    }

    [Fact]
    public void A_lower_priority_advert_sends_the_repeat_at_once_and_again_after_the_delay()
    {
        var (a, frames) = Build(repeat: 3, delay: Centiseconds.FromSeconds(5));
        var t0 = MonoTime.FromMilliseconds(1000);
        a.StartLowerPriority(t0);
        Assert.Equal(3, frames.Frames.Count);
        Assert.Equal(t0.Add(Centiseconds.FromSeconds(5)), a.NextDeadline);

        a.OnDeadline(a.NextDeadline);
        Assert.Equal(6, frames.Frames.Count);
        Assert.Equal(MonoTime.Never, a.NextDeadline);
        Assert.Equal(1, a.LowerPriorityBursts);
    }

    [Fact]
    public void A_delay_of_zero_sends_one_burst_only()
    {
        var (a, frames) = Build(repeat: 2, delay: Centiseconds.Zero);
        a.StartLowerPriority(MonoTime.FromMilliseconds(10));
        Assert.Equal(2, frames.Frames.Count);
        Assert.Equal(MonoTime.Never, a.NextDeadline);
    }

    [Fact]
    public void A_repeat_of_zero_sends_nothing()
    {
        var (a, frames) = Build(repeat: 0, delay: Centiseconds.FromSeconds(5));
        a.StartLowerPriority(MonoTime.FromMilliseconds(10));
        Assert.Empty(frames.Frames);
        Assert.Equal(MonoTime.Never, a.NextDeadline);
    }

    [Fact]
    public void Leaving_master_cancels_the_pending_second_burst()
    {
        var (a, frames) = Build(repeat: 1, delay: Centiseconds.FromSeconds(5));
        a.StartLowerPriority(MonoTime.FromMilliseconds(10));
        a.Stop();
        Assert.Equal(MonoTime.Never, a.NextDeadline);
        Assert.Single(frames.Frames);
    }

    [Fact]
    public void Keepalived_defaults_follow_the_global_master_repeat_and_delay_never_the_instance_ones()
    {
        var global = new GarpSettings { MasterRepeat = 5, MasterDelay = Centiseconds.FromSeconds(5) };
        var instance = global with { MasterRepeat = 1, MasterDelay = Centiseconds.FromSeconds(1) };
        Assert.Equal((5, Centiseconds.FromSeconds(5)), GarpSettings.ResolveLowerPriority(instance, global));
        Assert.Equal((2, Centiseconds.FromSeconds(3)), GarpSettings.ResolveLowerPriority(instance with { LowerPriorityRepeat = 2, LowerPriorityDelay = Centiseconds.FromSeconds(3) }, global));
        Assert.Equal((0, Centiseconds.FromSeconds(5)), GarpSettings.ResolveLowerPriority(null, global with { LowerPriorityRepeat = 0 }));
    }
}
