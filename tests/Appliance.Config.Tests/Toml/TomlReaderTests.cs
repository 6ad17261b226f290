using Appliance.Config.Diagnostics;
using Appliance.Config.Tests.Support;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Config.Tests.Toml;

public sealed class TomlReaderTests
{
    private const string ClassicToml = """
        [global]
        notification_email = ["acassen@firewall.loc", "failover@firewall.loc", "sysadmin@firewall.loc"]
        notification_email_from = "Alexandre.Cassen@firewall.loc"
        smtp_server = "192.168.200.1"
        smtp_connect_timeout = 30
        router_id = "LVS_DEVEL"

        [[instance]]
        name = "VI_1"
        state = "master"
        interface = "eth0"
        vrid = 51
        priority = 100
        advert_int = 1
        auth_pass = "1111"
        virtual_addresses = ["192.168.200.16", "192.168.200.17", "192.168.200.18"]
        """;

    [Fact]
    public void The_classic_example_in_toml_is_the_same_model_as_in_keepalived_syntax()
    {
        string conf = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "classic.conf"));
        var fromConf = Load.Ok(Load.Conf(conf));
        var fromToml = Load.Ok(Load.Toml(ClassicToml));
        ModelComparer.AssertEqual(fromConf, fromToml);
        Assert.Equal(AuthType.SimpleText, fromToml.Instances[0].Protocol.AuthType);
        Assert.Equal(VrrpVersion.V2, fromToml.Instances[0].Protocol.Version);
    }

    [Fact]
    public void A_syntax_error_is_located_at_its_line_and_column()
    {
        var r = Load.Toml("[global]\nrouter_id = \"x\"\npriority = = 3\n");
        var d = r.Diagnostics.First(x => x.Code == DiagnosticCodes.TomlSyntax);
        Assert.Equal(3, d.Location.Line);
        Assert.True(d.Location.Column > 1);
        Assert.Null(r.Config);
    }

    [Fact]
    public void Log_level_is_read_and_a_wrong_level_is_a_located_error()
    {
        string withLevel(string v) => ClassicToml.Replace("router_id = \"LVS_DEVEL\"", $"router_id = \"LVS_DEVEL\"\nlog_level = \"{v}\"");
        Assert.Equal("warning", Load.Ok(Load.Toml(withLevel("warning"))).Global.LogLevel);
        Assert.Equal("info", Load.Ok(Load.Toml(ClassicToml)).Global.LogLevel);

        var d = Load.Single(Load.Toml(withLevel("loud")), DiagnosticCodes.InvalidValue);
        Assert.Equal(7, d.Location.Line);
        Assert.Contains("'global.log_level' = 'loud' is not one of debug, info, warning, error", d.Message);
    }

    [Fact]
    public void An_unknown_key_warns_with_the_closest_known_key()
    {
        var r = Load.Toml(ClassicToml + "\npriorty = 3\n");
        var d = Load.Single(r, DiagnosticCodes.TomlUnknownKey);
        Assert.Equal((17, 1), (d.Location.Line, d.Location.Column));
        Assert.Equal("did you mean 'priority'?", d.Hint);
        Assert.Contains("instance.priorty", d.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_an_error_at_the_value()
    {
        var r = Load.Toml(ClassicToml.Replace("vrid = 51", "vrid = \"51\""));
        var d = Load.Single(r, DiagnosticCodes.TomlType);
        Assert.Equal((12, 8), (d.Location.Line, d.Location.Column));
        Assert.Null(r.Config);
    }

    [Fact]
    public void A_table_defined_twice_is_an_error()
    {
        var r = Load.Toml("[global]\nrouter_id = \"a\"\n[global]\nrouter_id = \"b\"\n");
        Assert.True(r.HasErrors);
        Assert.All(r.Diagnostics, d => Assert.True(d.Location.Line >= 1));
    }

    [Fact]
    public void Durations_take_integers_or_fractions_of_seconds()
    {
        var c = Load.Ok(Load.Toml(ClassicToml.Replace("advert_int = 1", "advert_int = 0.25\nversion = 3").Replace("auth_pass = \"1111\"\n", "")));
        Assert.Equal(new Centiseconds(25), c.Instances[0].Protocol.AdvertInterval);
    }
}
