using System.Text;
using Appliance.Vrrp.Tracking;

namespace Appliance.Vrrp.Tests.Tracking;

/// <summary>keepalived vrrp_track.c: what one tracker adds to the total priority.</summary>
public class TrackWeightTests
{
    [Theory]
    [InlineData(10, TrackerStatus.Up, 10)]
    [InlineData(10, TrackerStatus.Down, 0)]
    [InlineData(-10, TrackerStatus.Up, 0)]
    [InlineData(-10, TrackerStatus.Down, -10)]
    [InlineData(10, TrackerStatus.Pending, 0)]
    [InlineData(-10, TrackerStatus.Pending, 0)]
    public void Positive_weight_adds_while_up_negative_weight_subtracts_while_down(int weight, TrackerStatus status, int expected) =>
        Assert.Equal(expected, TrackWeight.Contribution(weight, reverse: false, status));

    [Theory]
    [InlineData(10, TrackerStatus.Up, -10)]
    [InlineData(10, TrackerStatus.Down, 0)]
    [InlineData(-10, TrackerStatus.Up, 0)]
    [InlineData(-10, TrackerStatus.Down, 10)]
    public void Reverse_negates_the_contribution(int weight, TrackerStatus status, int expected) =>
        Assert.Equal(expected, TrackWeight.Contribution(weight, reverse: true, status));

    [Theory]
    [InlineData(false, TrackerStatus.Up, false)]
    [InlineData(false, TrackerStatus.Down, true)]
    [InlineData(true, TrackerStatus.Up, true)]
    [InlineData(true, TrackerStatus.Down, false)]
    [InlineData(false, TrackerStatus.Pending, true)]
    public void Weight_zero_faults_when_down_or_with_reverse_when_up(bool reverse, TrackerStatus status, bool faults) =>
        Assert.Equal(faults, TrackWeight.Faults(0, reverse, status));

    [Fact]
    public void Weighted_tracker_never_faults()
    {
        Assert.False(TrackWeight.Faults(-253, false, TrackerStatus.Down));
        Assert.False(TrackWeight.Faults(5, true, TrackerStatus.Up));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, TrackWeight.FileFault)]
    [InlineData(-3, 0, TrackWeight.FileFault)]
    [InlineData(3, 5, 15)]
    [InlineData(-3, 5, -15)]
    [InlineData(100, 100, 253)]
    [InlineData(-100, 100, TrackWeight.FileFault)]
    [InlineData(-254, 1, TrackWeight.FileFault)]
    public void File_status_is_value_times_weight_clamped_and_minus_254_is_fault(long value, int weight, int expected) =>
        Assert.Equal(expected, TrackWeight.FileStatus(value, weight, reverse: false));

    [Fact]
    public void File_reverse_negates_value_times_weight() =>
        Assert.Equal(-6, TrackWeight.FileStatus(2, 3, reverse: true));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("17\n", 17)]
    [InlineData("  -5", -5)]
    [InlineData("+12abc", 12)]
    [InlineData("0x10", 16)]
    [InlineData("010", 8)]
    [InlineData("999", 254)]
    [InlineData("-999", -254)]
    [InlineData("", 0)]
    [InlineData("garbage", 0)]
    [InlineData("99999999999999999999999", 254)]
    public void File_value_is_read_like_strtol_base_0_and_clamped(string text, long expected) =>
        Assert.Equal(expected, TrackWeight.ParseFileValue(Encoding.ASCII.GetBytes(text)));
}
