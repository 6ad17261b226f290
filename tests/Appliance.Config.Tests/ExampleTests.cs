using Appliance.Config.Diagnostics;
using Appliance.Config.Schema;
using Appliance.Config.Tests.Support;

namespace Appliance.Config.Tests;

/// <summary>The commented examples shipped in image/examples read cleanly and mean the same thing.</summary>
public sealed class ExampleTests
{
    private static string Examples() => RepoFiles.Find(Path.Combine("image", "examples"));

    [Fact]
    public void The_keepalived_and_toml_examples_read_with_no_finding_but_the_not_acted_on_warnings_to_the_same_model()
    {
        var conf = ConfigLoader.Load(Path.Combine(Examples(), "keepalived.conf"), new ConfigLoadOptions { ConfigId = "edge-a", Strict = true });
        var toml = ConfigLoader.Load(Path.Combine(Examples(), "appliance.toml"), new ConfigLoadOptions { ConfigId = "edge-a", Strict = true });

        // The examples show trackers and a sync group, which the daemon reads but does not act on yet.
        Assert.All(conf.Diagnostics, d => Assert.True(NotActedFeatures.Is(d), d.ToString()));
        Assert.All(toml.Diagnostics, d => Assert.True(NotActedFeatures.Is(d), d.ToString()));
        ModelComparer.AssertEqual(conf.Config!, toml.Config!);
    }

    [Fact]
    public void The_other_router_of_the_pair_gets_its_own_router_id_and_priority()
    {
        var c = Load.Ok(ConfigLoader.Load(Path.Combine(Examples(), "keepalived.conf"), new ConfigLoadOptions { ConfigId = "edge-b" }));
        Assert.Equal("edge-b", c.Global.RouterId);
        Assert.All(c.Instances, i => Assert.Equal(100, i.Protocol.Priority));
        Assert.DoesNotContain(c.Instances, i => i.Protocol.StartAsMaster);
        Assert.DoesNotContain(ConfigLoader.Load(Path.Combine(Examples(), "keepalived.conf"), new ConfigLoadOptions { ConfigId = "edge-b" }).Diagnostics,
            d => d.Severity != DiagnosticSeverity.Info && !NotActedFeatures.Is(d));
    }
}
