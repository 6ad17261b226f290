using Appliance.Config.Diagnostics;
using Appliance.Config.Schema;
using Appliance.Config.Tests.Support;
using Appliance.Heartbeat;
using Appliance.Vrrp;
using Appliance.Vrrp.Wire;

namespace Appliance.Config.Tests;

/// <summary>One fixture sets every supported option, in both formats; both read cleanly to the same model.</summary>
public sealed class EveryOptionFixtureTests
{
    private static readonly string s_conf = Samples.Fixture("every-option.conf");
    private static readonly string s_toml = Samples.Fixture("every-option.toml");

    [Fact]
    public void Both_formats_read_with_no_finding_but_the_not_acted_on_warnings_and_give_the_same_model()
    {
        var conf = ConfigLoader.Load(s_conf, new ConfigLoadOptions { ConfigId = "test", Strict = true });
        var toml = ConfigLoader.Load(s_toml, new ConfigLoadOptions { ConfigId = "test", Strict = true });

        Assert.All(conf.Diagnostics, d => Assert.True(NotActedFeatures.Is(d), d.ToString()));
        Assert.All(toml.Diagnostics, d => Assert.True(NotActedFeatures.Is(d), d.ToString()));
        Assert.NotEmpty(conf.Diagnostics);
        ModelComparer.AssertEqual(conf.Config!, toml.Config!);
    }

    [Fact]
    public void Every_bound_keepalived_keyword_appears_in_the_fixture()
    {
        string text = File.ReadAllText(s_conf);
        // Synonyms and opposites of keywords the fixture already uses, and keywords that only set defaults.
        string[] aliases = ["mcast_src_ip", "vrrp_track_file", "notify_fifo", "accept", "preempt", "vrrp_strict",
            "vrrp_down_timer_adverts", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert", "vrrp_check_unicast_src"];
        // Bound: every keyword the model holds (acted on, or with a TOML key), not the ones only recognised.
        var bound = Keywords.All.Where(k => k.Name is not null && k.Block != Blocks.Leds && (k.Status == KeywordStatus.Acted || k.Toml is not null)).Select(k => k.Name!);
        var missing = bound.Distinct().Except(aliases)
            .Where(k => !System.Text.RegularExpressions.Regex.IsMatch(text, $@"(^|\s){k}(\s|$)", System.Text.RegularExpressions.RegexOptions.Multiline))
            .ToList();
        Assert.Empty(missing);
    }

    // The TTL-255 rule follows the instance's configuration (issue 10): only an instance with unicast
    // peers skips it, in both formats; every other instance applies it to every advert.
    [Fact]
    public void Only_an_instance_with_unicast_peers_skips_the_ttl_rule()
    {
        foreach (var file in new[] { s_conf, s_toml })
        {
            var c = Load.Ok(ConfigLoader.Load(file, new ConfigLoadOptions { ConfigId = "test" }));
            foreach (var i in c.Instances)
                Assert.Equal(!i.UnicastPeers.IsDefaultOrEmpty, i.Protocol.HasUnicastPeers);
            Assert.True(c.Instances[0].Protocol.HasUnicastPeers);
            Assert.Contains(c.Instances, i => !i.Protocol.HasUnicastPeers);
        }
    }

    [Fact]
    public void The_fixture_values_land_where_they_belong()
    {
        var c = Load.Ok(ConfigLoader.Load(s_toml, new ConfigLoadOptions { ConfigId = "test" }));
        var lan4 = c.Instances[0];
        Assert.Equal(new Centiseconds(50), lan4.Protocol.AdvertInterval);
        Assert.False(lan4.Protocol.Preempt);
        Assert.Equal(Centiseconds.FromSeconds(30), lan4.Protocol.PreemptDelay);
        Assert.Equal(ChecksumForm.PseudoHeaderMulticastDestination, lan4.Protocol.V3Ipv4SendChecksum);
        Assert.Equal(["10.0.0.3", "10.0.0.4"], lan4.UnicastPeers.Select(a => a.ToString()));
        Assert.Equal("vrrp.51", lan4.VmacInterface);
        Assert.Equal(-20, lan4.TrackScripts[0].Weight);
        Assert.Equal(new Centiseconds(6), lan4.Garp!.NaInterval);
        Assert.Equal(2525, c.Global.SmtpPort);
        Assert.Equal(IpAddr.Parse("224.0.0.19"), c.Global.MulticastGroup4);
        Assert.Equal(new Centiseconds(550), c.Global.StartupDelay);
        Assert.Equal(LanFaultPolicy.GoFault, c.Heartbeat.OnLanFault);
        Assert.Equal(HeartbeatChannelKind.Serial, c.Heartbeat.Channels[1].Kind);
        Assert.Equal(16, c.Heartbeat.Channels[0].Key.Length);
        Assert.Equal(Board.LedBackend.Gpio, c.Board.Leds.Backend);
        Assert.Equal(Board.WatchdogKind.Device, c.Board.Watchdog.Kind);
        Assert.Equal("nobody nogroup", c.Scripts[0].User);
        Assert.True(lan4.Protocol.PreemptAtOnce);
        Assert.Equal(Centiseconds.FromSeconds(20), c.Board.Leds.AlertHold);
        Assert.Equal(new Centiseconds(50), c.Board.Watchdog.MaxLoopLateness);
        Assert.False(c.Board.Watchdog.DisarmOnCleanStop);
    }
}
