using Appliance.Config.Diagnostics;
using Appliance.Config.Tests.Support;

namespace Appliance.Config.Tests.Validation;

/// <summary>Whole-model checks; every problem is reported at once, with both places where it helps.</summary>
public sealed class ValidatorTests
{
    [Fact]
    public void Two_instances_with_one_vrid_on_one_interface_and_family_clash()
    {
        var r = Load.Conf(Load.Instance("virtual_ipaddress { 10.0.0.1 }", "VI_1") + "\n" + Load.Instance("virtual_ipaddress { 10.0.0.2 }", "VI_2"));
        var d = Load.Single(r, DiagnosticCodes.VridClash);
        Assert.Equal(6, d.Location.Line);
        Assert.Contains("VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0", d.Message);
        Assert.Equal("VI_1 is at test.conf:1:1", d.Hint);
        Assert.Null(r.Config);
    }

    [Fact]
    public void The_same_vrid_on_another_family_or_interface_is_fine()
    {
        Load.Ok(Load.Conf(
            Load.Instance("virtual_ipaddress { 10.0.0.1 }", "A") + "\n" +
            Load.Instance("virtual_ipaddress { fe80::1 }", "B") + "\n" +
            Load.Instance("virtual_ipaddress { 10.0.0.2 }", "C", iface: "eth1")));
    }

    [Fact]
    public void Mixed_families_in_one_instance_are_an_error_at_the_address()
    {
        var r = Load.Conf(Load.Instance("virtual_ipaddress {\n 10.0.0.1\n 2001:db8::1\n}"));
        var d = Load.Single(r, DiagnosticCodes.MixedFamilies);
        Assert.Equal(6, d.Location.Line);
    }

    [Fact]
    public void Version_2_with_a_sub_second_interval_or_ipv6_is_an_error()
    {
        var r = Load.Conf(
            Load.Instance("version 2\nadvert_int 0.5\nvirtual_ipaddress { 10.0.0.1 }", "A") + "\n" +
            Load.Instance("version 2\nvirtual_ipaddress { fe80::1 }", "B", vrid: 2));
        Assert.Equal(2, r.Diagnostics.Count(d => d.Code == DiagnosticCodes.VersionConflict && d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var r = Load.Conf(
            Load.Instance("version 2\nadvert_int 0.5\nvirtual_ipaddress {\n 10.0.0.1\n fe80::1\n }", "A") + "\n" +
            Load.Instance("virtual_ipaddress { 10.0.0.2 }", "A") + "\n" +
            "vrrp_sync_group G {\n group {\n A\n NOPE\n }\n}\n");
        var codes = r.Diagnostics.Select(d => d.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { DiagnosticCodes.VersionConflict, DiagnosticCodes.MixedFamilies, DiagnosticCodes.Duplicate, DiagnosticCodes.VridClash, DiagnosticCodes.UndefinedReference }, codes);
        Assert.All(r.Diagnostics, d => Assert.True(d.Location.Line >= 1, d.ToString()));
    }

    [Fact]
    public void A_tracked_script_that_is_not_defined_is_ignored_with_a_suggestion()
    {
        var r = Load.Conf(Load.Instance("track_script {\n chk_hapoxy\n}\nvirtual_ipaddress { 10.0.0.1 }") + "\nvrrp_script chk_haproxy {\n script /bin/true\n}\n");
        Assert.Equal("did you mean 'chk_haproxy'?", Load.Single(r, DiagnosticCodes.UndefinedReference).Hint);
    }

    [Fact]
    public void A_heartbeat_link_channel_needs_interface_and_peer()
    {
        var r = Load.Conf(Load.Instance("virtual_ipaddress { 10.0.0.1 }") + "\nappliance_heartbeat {\n channel direct {\n kind link\n }\n}\n");
        var d = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.Inconsistent && d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(6, d.Location.Line);
    }
}
