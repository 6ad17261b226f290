using Appliance.Config.Tests.Support;
using Appliance.Config.Toml;

namespace Appliance.Config.Tests.Toml;

/// <summary>The operations settings (TOML only): the flight recorder's file and the keepalived dumps' directory.</summary>
public sealed class OperationsKeysTests
{
    private const string Text = """
        [global.flight_recorder]
        path = "/var/lib/appliance/flight"

        [global.dumps]
        directory = "/run/appliance/dumps"

        [[instance]]
        name = "VI_1"
        interface = "eth0"
        vrid = 51
        virtual_addresses = ["10.0.0.1/24"]
        """;

    [Fact]
    public void Flight_recorder_path_and_dump_directory_are_read_and_written_back()
    {
        var c = Load.Ok(Load.Toml(Text, strict: true));
        Assert.Equal("/var/lib/appliance/flight", c.Global.FlightRecorderPath);
        Assert.Equal("/run/appliance/dumps", c.Global.DumpDirectory);

        var again = Load.Ok(Load.Toml(TomlConfigWriter.Write(c), strict: true));
        Assert.Equal(c.Global, again.Global);
    }

    [Fact]
    public void Both_default_to_unset()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("    virtual_ipaddress { 10.0.0.1 }")));
        Assert.Null(c.Global.FlightRecorderPath);
        Assert.Null(c.Global.DumpDirectory);
    }
}
