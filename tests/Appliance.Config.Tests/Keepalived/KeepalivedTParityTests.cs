using Appliance.Config.Diagnostics;

namespace Appliance.Config.Tests.Keepalived;

/// <summary>
/// The reader says what keepalived 2.2.7's -t says, at the line where it says it (measured with keepalived -t
/// in a namespace; see docs/configuration.md, "Differences from keepalived -t on real configurations").
/// </summary>
public sealed class KeepalivedTParityTests
{
    private const string Instance = """
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority 100
            virtual_ipaddress {
                192.0.2.1/24
            }
        }

        """;

    private static List<Diagnostic> Load(string text) =>
        ConfigLoader.LoadText(text, "k.conf", new ConfigLoadOptions { ConfigId = "test" }).Diagnostics.ToList();

    private static Diagnostic At(List<Diagnostic> all, int line, string code) =>
        Assert.Single(all, d => d.Location.Line == line && d.Code == code);

    [Fact]
    public void A_value_keyword_without_its_value_is_APC109_where_keepalived_stops_but_router_id_is_APC104()
    {
        var all = Load("global_defs {\n    router_id\n}\n" + Instance.Replace("priority 100", "priority"));
        At(all, 2, DiagnosticCodes.MissingValue);
        Assert.Contains("keepalived stops reading", At(all, 8, DiagnosticCodes.MissingParameter).Hint);
    }

    [Fact]
    public void The_lines_of_an_unknown_block_and_its_closing_brace_are_each_located()
    {
        var all = Load("local_address_group g1 {\n    192.0.2.9\n}\n" + Instance);
        At(all, 1, DiagnosticCodes.UnknownKeyword);
        Assert.Equal(DiagnosticSeverity.Info, At(all, 2, DiagnosticCodes.UnknownKeyword).Severity);
        Assert.Equal(DiagnosticSeverity.Info, At(all, 3, DiagnosticCodes.UnknownKeyword).Severity);
    }

    [Fact]
    public void An_interface_name_over_15_characters_is_ignored_as_keepalived_ignores_it()
    {
        var r = ConfigLoader.LoadText(Instance.Replace("interface eth0", "interface KEEPALIVE_INTERFACE"), "k.conf", ConfigLoadOptions.Default);
        Assert.Contains("longer than 15 characters", At(r.Diagnostics.ToList(), 3, DiagnosticCodes.InvalidValue).Message);
        Assert.Null(r.Config); // no interface left: the instance is not usable
    }

    [Fact]
    public void A_zero_garp_spacing_and_an_empty_notification_email_block_are_located()
    {
        var all = Load("global_defs {\n    notification_email {\n    }\n    vrrp_garp_interval 0\n    vrrp_gna_interval 0.5\n}\n" + Instance);
        At(all, 3, DiagnosticCodes.MissingValue); // keepalived names the closing line of the empty block
        At(all, 4, DiagnosticCodes.KeepalivedDiffers);
        Assert.DoesNotContain(all, d => d.Location.Line == 5);
    }

    [Fact]
    public void Nopreempt_with_state_master_is_located_at_nopreempt()
    {
        var all = Load(Instance.Replace("state BACKUP", "state MASTER\n    nopreempt"));
        Assert.Contains("clears nopreempt", At(all, 3, DiagnosticCodes.KeepalivedDiffers).Message);
        Assert.Empty(Load(Instance.Replace("state BACKUP", "state BACKUP\n    nopreempt")));
    }

    [Fact]
    public void A_vrrp_script_below_its_track_script_is_located_at_the_reference_and_still_tracked()
    {
        string text = Instance.Replace("priority 100", "priority 100\n    track_script {\n        chk\n    }") + "vrrp_script chk {\n    script /bin/true\n}\n";
        var r = ConfigLoader.LoadText(text, "k.conf", ConfigLoadOptions.Default);
        Assert.Contains("defined after its use", At(r.Diagnostics.ToList(), 7, DiagnosticCodes.KeepalivedDiffers).Message);
        Assert.Equal("chk", Assert.Single(r.Config!.Instances[0].TrackScripts).Name);
    }

    [Fact]
    public void Interfaces_of_static_and_route_blocks_are_kept_for_check_with_their_place()
    {
        string text = "static_ipaddress {\n    192.0.2.50/24 dev eth7\n}\n"
            + Instance.Replace("priority 100", "priority 100\n    virtual_routes {\n        198.51.100.0/24 via 192.0.2.254 dev eth8\n    }");
        var r = ConfigLoader.LoadText(text, "k.conf", ConfigLoadOptions.Default);
        Assert.Equal(["eth7@2", "eth8@10"], r.Config!.OtherInterfaces.Select(m => $"{m.Name}@{m.Location.Line}"));
    }

    [Fact]
    public void Lvs_values_keepalived_complains_about_are_located_and_a_clean_virtual_server_is_not()
    {
        const string lvs = "virtual_server 192.0.2.1 80 {\n    protocol TCP\n    lb_kind DR\n    quorum 1\n    real_server 192.0.2.10 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n";
        Assert.DoesNotContain(Load(Instance + lvs), d => d.Severity != DiagnosticSeverity.Info && d.Code != DiagnosticCodes.Unsupported);

        var all = Load(Instance + lvs.Replace("quorum 1", "quorum 0\n    persistence_timeout 0").Replace("connect_timeout 3", "nb_get_retry 3"));
        At(all, 13, DiagnosticCodes.OutOfRange);
        At(all, 14, DiagnosticCodes.OutOfRange);
        At(all, 17, DiagnosticCodes.KeepalivedDiffers);
        Assert.Equal(2, Load(Instance + "virtual_server 192.0.2.1 80 {\n}\n").Count(d => d.Location.Line == 10 && d.Code == DiagnosticCodes.KeepalivedDiffers));
    }
}
