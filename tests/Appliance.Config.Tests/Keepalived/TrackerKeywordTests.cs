using Appliance.Config.Tests.Support;

namespace Appliance.Config.Tests.Keepalived;

/// <summary>The tracker keywords the daemon now acts on bind as keepalived reads them.</summary>
public sealed class TrackerKeywordTests
{
    [Fact]
    public void Vrrp_script_weight_reverse_and_init_fail_bind_and_an_unweighted_reference_inherits_them()
    {
        var c = Load.Ok(Load.Conf("""
            vrrp_script chk {
                script /bin/true
                weight 20 reverse
                init_fail
            }
            """ + Load.Instance("track_script {\n chk\n}")));
        Assert.True(c.Scripts[0].InitFail);
        Assert.True(c.Scripts[0].Reverse);
        var r = c.Instances[0].TrackScripts[0];
        Assert.Equal(20, r.Weight);
        Assert.True(r.Reverse);
    }

    [Fact]
    public void A_reference_with_its_own_weight_keeps_its_own_direction()
    {
        var c = Load.Ok(Load.Conf("""
            vrrp_script chk {
                script /bin/true
                weight 20 reverse
            }
            """ + Load.Instance("track_script {\n chk weight -5\n}")));
        var r = c.Instances[0].TrackScripts[0];
        Assert.Equal(-5, r.Weight);
        Assert.False(r.Reverse);
    }

    [Theory]
    [InlineData("init_file", 0L, false)]
    [InlineData("init_file 7", 7L, false)]
    [InlineData("init_file 7 overwrite", 7L, true)]
    [InlineData("init_file overwrite", 0L, true)]
    public void Track_file_init_file_takes_an_optional_value_and_overwrite(string line, long value, bool overwrite)
    {
        var c = Load.Ok(Load.Conf($"track_file f {{\n file /tmp/f\n {line}\n}}\n" + Load.Instance("track_file {\n f\n}")));
        Assert.Equal(value, c.TrackFiles[0].InitFile);
        Assert.Equal(overwrite, c.TrackFiles[0].InitFileOverwrite);
    }

    [Fact]
    public void Track_file_without_init_file_creates_nothing() =>
        Assert.Null(Load.Ok(Load.Conf("track_file f {\n file /tmp/f\n}\n" + Load.Instance("track_file {\n f\n}"))).TrackFiles[0].InitFile);

    [Fact]
    public void Sync_group_tracking_weight_binds_on_the_group()
    {
        var c = Load.Ok(Load.Conf("vrrp_sync_group G {\n group {\n VI_1\n VI_2\n }\n sync_group_tracking_weight\n}\n" +
            Load.Instance("") + Load.Instance("", name: "VI_2", vrid: 52)));
        Assert.True(c.SyncGroups[0].TrackingWeight);
    }
}
