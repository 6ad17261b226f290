using Appliance.Config.Tests.Support;
using Appliance.Config.Toml;

namespace Appliance.Config.Tests.Toml;

/// <summary><c>global.control_group</c>: who besides root may use the control socket. TOML only,
/// as keepalived has no control socket to spell it for.</summary>
public sealed class ControlGroupTests
{
    private const string Toml = """
        [global]
        control_group = "vrrp-ops"

        [[instance]]
        name = "VI_1"
        interface = "eth0"
        vrid = 51
        virtual_addresses = ["192.168.200.16"]
        """;

    [Fact]
    public void The_control_group_is_read_from_toml()
    {
        var c = Load.Ok(Load.Toml(Toml));
        Assert.Equal("vrrp-ops", c.Global.ControlGroup);
    }

    [Fact]
    public void Without_it_only_root_may_use_the_socket()
    {
        var c = Load.Ok(Load.Toml(Toml.Replace("control_group = \"vrrp-ops\"", "", StringComparison.Ordinal)));
        Assert.Null(c.Global.ControlGroup);
    }

    [Fact]
    public void The_writer_keeps_it()
    {
        var c = Load.Ok(Load.Toml(Toml));
        string written = TomlConfigWriter.Write(c);
        Assert.Contains("control_group = \"vrrp-ops\"", written, StringComparison.Ordinal);
        Assert.Equal("vrrp-ops", Load.Ok(Load.Toml(written)).Global.ControlGroup);
    }
}
