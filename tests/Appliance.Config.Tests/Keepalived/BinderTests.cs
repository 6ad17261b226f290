using Appliance.Config.Diagnostics;
using Appliance.Config.Schema;
using Appliance.Config.Tests.Support;
using Appliance.Vrrp;
using Appliance.Vrrp.Wire;

namespace Appliance.Config.Tests.Keepalived;

/// <summary>keepalived's leniency, and what --strict makes of it; unknown and unsupported keywords.</summary>
public sealed class BinderTests
{
    [Fact]
    public void Priority_out_of_range_is_reported_and_keepalived_default_100_used()
    {
        var r = Load.Conf(Load.Instance("    priority 300\n    virtual_ipaddress { 10.0.0.1 }"));
        var d = Load.Single(r, DiagnosticCodes.OutOfRange);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal((4, 14), (d.Location.Line, d.Location.Column));
        Assert.Equal(100, r.Config!.Instances[0].Protocol.Priority);
    }

    [Fact]
    public void Strict_turns_keepalived_leniency_into_errors_and_no_model()
    {
        var r = Load.Conf(Load.Instance("    priority 300\n    virtual_ipaddress { 10.0.0.1 }"), strict: true);
        Assert.Equal(DiagnosticSeverity.Error, Load.Single(r, DiagnosticCodes.OutOfRange).Severity);
        Assert.Null(r.Config);
    }

    [Fact]
    public void Unknown_keyword_warns_with_location_and_the_closest_keyword()
    {
        var r = Load.Conf(Load.Instance("    priorty 120\n    virtual_ipaddress { 10.0.0.1 }"));
        var d = Load.Single(r, DiagnosticCodes.UnknownKeyword);
        Assert.Equal((4, 5), (d.Location.Line, d.Location.Column));
        Assert.Equal("did you mean 'priority'?", d.Hint);
        Assert.Equal("test.conf:4:5: warning APC100: unknown keyword 'priorty' in vrrp_instance VI_1 (did you mean 'priority'?)", d.ToString());
    }

    [Fact]
    public void A_keepalived_keyword_appliance_does_not_use_is_a_note()
    {
        var r = Load.Conf("global_defs {\n  enable_dbus\n}\n" + Load.Instance("    virtual_ipaddress { 10.0.0.1 }"));
        var d = Load.Single(r, DiagnosticCodes.NotUsed);
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Equal(2, d.Location.Line);
    }

    [Fact]
    public void Snmp_keywords_turn_on_the_vrrpv3_subagent_and_keepalived_own_mib_is_a_located_not_acted_warning()
    {
        var r = Load.Conf("global_defs {\n  enable_snmp_vrrp\n  enable_snmp_rfcv2\n  enable_snmp_rfcv3\n  enable_traps\n  snmp_socket unix:/run/agentx\n  metrics_listen 127.0.0.1:9650\n}\n"
            + Load.Instance("    virtual_ipaddress { 10.0.0.1 }"));
        var ops = Load.Ok(r).Global.Operations;
        Assert.Equal((true, true, "unix:/run/agentx", "127.0.0.1:9650"), (ops.SnmpEnabled, ops.SnmpTraps, ops.SnmpSocket, ops.MetricsListen));
        var warnings = r.Diagnostics.Where(NotActedFeatures.Is).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Equal((2, DiagnosticSeverity.Warning), (warnings[0].Location.Line, warnings[0].Severity));
        Assert.Contains("KEEPALIVED-MIB", warnings[0].ToString());
        Assert.Equal(3, warnings[1].Location.Line);
        Assert.Contains("RFC 2787", warnings[1].ToString());
    }

    [Fact]
    public void Snmp_and_metrics_are_off_unless_asked_for_and_the_agentx_socket_defaults_to_net_snmp_s()
    {
        var ops = Load.Ok(Load.Conf(Load.Instance("    virtual_ipaddress { 10.0.0.1 }"))).Global.Operations;
        Assert.Equal((false, false, "/var/agentx/master", (string?)null), (ops.SnmpEnabled, ops.SnmpTraps, ops.SnmpSocket, ops.MetricsListen));
    }

    [Fact]
    public void Lvs_blocks_are_recognised_as_unsupported_and_skipped_whole()
    {
        var r = Load.Conf(Load.Instance("    virtual_ipaddress { 10.0.0.1 }") + """

            virtual_server 10.10.10.2 1358 {
                delay_loop 6
                real_server 192.168.200.2 1358 {
                    HTTP_GET { url { path / } }
                }
            }
            SSL {
                password secret
            }
            """);
        var ds = r.Diagnostics.Where(d => d.Code == DiagnosticCodes.Unsupported).ToList();
        Assert.Equal([6, 12], ds.Select(d => d.Location.Line));
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == DiagnosticCodes.UnknownKeyword);
        Assert.NotNull(r.Config);
    }

    [Fact]
    public void Track_script_without_weight_takes_the_script_weight_even_when_defined_later()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("""
                track_script {
                    chk_a
                    chk_b weight 5 reverse
                }
                virtual_ipaddress { 10.0.0.1 }
            """) + """

            vrrp_script chk_a {
                script /bin/true
                weight -7
            }
            vrrp_script chk_b {
                script /bin/true
            }
            """));
        var refs = c.Instances[0].TrackScripts;
        Assert.Equal(new Model.TrackRef("chk_a", -7), refs[0]);
        Assert.Equal(new Model.TrackRef("chk_b", 5, Reverse: true), refs[1]);
    }

    [Fact]
    public void An_ipv6_instance_runs_version_3_unless_told_otherwise()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("    virtual_ipaddress {\n fe80::1\n 2001:db8::1/64\n }")));
        Assert.Equal(VrrpVersion.V3, c.Instances[0].Protocol.Version);
        Assert.Equal(IpFamily.IPv6, c.Instances[0].Protocol.Family);
    }

    [Fact]
    public void Global_defs_set_defaults_instances_inherit()
    {
        var c = Load.Ok(Load.Conf("""
            global_defs {
                vrrp_version 3
                vrrp_strict
                vrrp_down_timer_adverts 5
                vrrp_garp_master_repeat 2
            }
            """ + "\n" + Load.Instance("    garp_master_delay 1\n    virtual_ipaddress { 10.0.0.1 }")));
        var i = c.Instances[0];
        Assert.Equal(VrrpVersion.V3, i.Protocol.Version);
        Assert.False(i.Protocol.AcceptMode);
        Assert.Equal(5, i.Protocol.DownTimerAdverts);
        Assert.Equal(2, i.Garp!.MasterRepeat);
        Assert.Equal(Centiseconds.FromSeconds(1), i.Garp.MasterDelay);
        Assert.Equal(ChecksumForm.PseudoHeader, i.Protocol.V3Ipv4SendChecksum);
    }

    [Fact]
    public void Without_vrrp_strict_keepalived_accepts_traffic_to_the_vips()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("    virtual_ipaddress { 10.0.0.1 }")));
        Assert.True(c.Instances[0].Protocol.AcceptMode);
    }

    [Fact]
    public void An_instance_without_interface_or_vrid_is_an_error()
    {
        var r = Load.Conf("vrrp_instance VI_9 {\n  priority 10\n}\n");
        Assert.Equal(2, r.Diagnostics.Count(d => d.Code == DiagnosticCodes.MissingRequired));
        Assert.All(r.Diagnostics, d => Assert.Equal(1, d.Location.Line));
        Assert.Null(r.Config);
    }

    [Fact]
    public void Virtual_address_options_bind()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("    virtual_ipaddress {\n 10.0.0.1/24 brd 10.0.0.255 dev eth1 scope link label eth1:1 no_track\n }")));
        var v = c.Instances[0].VirtualAddresses[0];
        Assert.Equal(("eth1", "eth1:1", "link", true), (v.Device, v.Label, v.Scope, v.NoTrack));
        Assert.Equal(IpAddr.Parse("10.0.0.255"), v.Broadcast);
    }

    [Fact]
    public void A_password_longer_than_eight_characters_is_truncated_like_keepalived()
    {
        var r = Load.Conf(Load.Instance("    authentication {\n auth_type PASS\n auth_pass 0123456789\n }\n    virtual_ipaddress { 10.0.0.1 }"));
        Assert.Equal("01234567"u8.ToArray(), r.Config!.Instances[0].Protocol.AuthData.ToArray());
        Assert.Equal(6, Load.Single(r, DiagnosticCodes.OutOfRange).Location.Line);
    }
}
