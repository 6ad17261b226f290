using Appliance.Vrrp.Timing;

namespace Appliance.Vrrp.Tests.Timing;

public class VrrpTimersTests
{
    private static readonly Centiseconds OneSecond = Centiseconds.FromSeconds(1);

    [Fact]
    public void V2_skew_time_is_256_minus_priority_over_256_seconds_exactly()
    {
        Assert.Equal(609_375_000L, VrrpTimers.SkewTimeV2(100).Nanoseconds);
        Assert.Equal(3_906_250L, VrrpTimers.SkewTimeV2(255).Nanoseconds);
        Assert.Equal(996_093_750L, VrrpTimers.SkewTimeV2(1).Nanoseconds);
    }

    [Fact]
    public void V2_skew_time_does_not_scale_with_the_advert_interval()
    {
        Assert.Equal(VrrpTimers.SkewTimeV2(100), VrrpTimers.SkewTime(VrrpVersion.V2, 100, Centiseconds.FromSeconds(5)));
    }

    [Fact]
    public void V3_skew_time_scales_with_master_adver_interval()
    {
        // ((256 - 100) × 100 cs) / 256 = 60.9375 cs
        Assert.Equal(609_375_000L, VrrpTimers.SkewTimeV3(100, OneSecond).Nanoseconds);
        // ((256 - 200) × 1 cs) / 256 = 0.21875 cs = 2,187,500 ns
        Assert.Equal(2_187_500L, VrrpTimers.SkewTimeV3(200, new Centiseconds(1)).Nanoseconds);
    }

    [Fact]
    public void V3_skew_time_truncates_at_most_half_a_nanosecond()
    {
        // (256 - 1) × 1 cs = 255 × 10^7 ns; / 256 = 9,960,937.5 ns → 9,960,937 ns.
        Assert.Equal(9_960_937L, VrrpTimers.SkewTimeV3(1, new Centiseconds(1)).Nanoseconds);
        for (int p = 1; p <= 255; p++)
        for (int cs = 1; cs <= 4095; cs += 97)
        {
            long exactTimes2 = 2L * (256 - p) * cs * 10_000_000L / 256;
            long got = VrrpTimers.SkewTimeV3((byte)p, new Centiseconds(cs)).Nanoseconds;
            Assert.InRange(exactTimes2 - 2 * got, 0, 1);
        }
    }

    [Fact]
    public void Master_down_interval_is_three_intervals_plus_skew_time()
    {
        var mdi = VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, OneSecond);
        Assert.Equal(3_000_000_000L + 609_375_000L, mdi.Nanoseconds);
    }

    [Fact]
    public void Master_down_interval_uses_down_timer_adverts_like_keepalived()
    {
        var mdi = VrrpTimers.MasterDownInterval(VrrpVersion.V3, 100, OneSecond, downTimerAdverts: 5);
        Assert.Equal(5_000_000_000L + 609_375_000L, mdi.Nanoseconds);
    }

    [Fact]
    public void Higher_priority_always_has_strictly_shorter_skew_time()
    {
        foreach (int cs in new[] { 1, 10, 100, 4095 })
            for (int p = 1; p < 255; p++)
                Assert.True(VrrpTimers.SkewTimeV3((byte)(p + 1), new Centiseconds(cs)) < VrrpTimers.SkewTimeV3((byte)p, new Centiseconds(cs)));
    }

    [Fact]
    public void Duration_adds_to_mono_time_and_saturates_at_never()
    {
        var t = MonoTime.FromMilliseconds(1000) + VrrpTimers.SkewTimeV2(100);
        Assert.Equal(1_609_375_000L, t.Nanoseconds);
        Assert.True((MonoTime.Never + Duration.FromMilliseconds(5)).IsNever);
        Assert.Equal("0.609375000s", VrrpTimers.SkewTimeV2(100).ToString());
    }
}
