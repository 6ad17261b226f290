using Appliance.Cli;
using Appliance.Config;

namespace Appliance.Integration.Tests.Cli;

public sealed class ConvertVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apconvert").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Convert_writes_toml_to_stdout_that_reads_back_to_the_same_instances()
    {
        string path = Path.Combine(_dir, "keepalived.conf");
        File.WriteAllText(path, "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n priority 120\n virtual_ipaddress { 192.0.2.1/24 }\n}\n");
        var o = new StringWriter();
        var e = new StringWriter();

        int code = ConvertVerb.Execute(["-f", path, "-i", "x"], o, e);

        Assert.Equal(0, code);
        Assert.Equal("", e.ToString());
        var back = ConfigLoader.LoadText(o.ToString(), "out.toml", new ConfigLoadOptions { ConfigId = "x" });
        var i = Assert.Single(back.Config!.Instances);
        Assert.Equal(("VI_1", 51, 120), (i.Protocol.Name, (int)i.Protocol.Vrid, (int)i.Protocol.Priority));
    }

    [Fact]
    public void Convert_of_a_broken_file_writes_nothing_and_exits_4()
    {
        string path = Path.Combine(_dir, "bad.conf");
        File.WriteAllText(path, "vrrp_instance VI_1 {\n priority 1\n");
        var o = new StringWriter();
        var e = new StringWriter();
        Assert.Equal(4, ConvertVerb.Execute([path], o, e));
        Assert.Equal("", o.ToString());
        Assert.Contains("bad.conf:1:", e.ToString());
    }

    [Fact]
    public void Convert_needs_a_file()
    {
        Assert.Equal(2, ConvertVerb.Execute([], new StringWriter(), new StringWriter()));
    }
}
