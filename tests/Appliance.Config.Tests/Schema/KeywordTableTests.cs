using Appliance.Config.Model;
using Appliance.Config.Schema;
using Appliance.Config.Tests.Support;
using Appliance.Heartbeat;
using K = Appliance.Config.Schema.Keywords;

namespace Appliance.Config.Tests.Schema;

/// <summary>The docs' keyword table is the schema's rendering, and the schema's defaults are the model's.</summary>
public sealed class KeywordTableTests
{
    private const string Regenerate =
        "APPLIANCE_WRITE_DOCS=1 dotnet test tests/Appliance.Config.Tests --filter FullyQualifiedName~KeywordTableTests";

    private static string DocsPath() => RepoFiles.Find(Path.Combine("docs", "configuration.md"));

    [Fact]
    public void The_committed_keyword_table_in_docs_is_the_one_the_schema_generates()
    {
        string path = DocsPath();
        string text = File.ReadAllText(path);
        int begin = text.IndexOf(KeywordTable.Begin, StringComparison.Ordinal);
        int end = text.IndexOf(KeywordTable.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"docs/configuration.md lacks the markers of the generated keyword table; regenerate with: {Regenerate}");
        int from = begin + KeywordTable.Begin.Length + 1;
        string committed = text[from..end];
        string generated = KeywordTable.Render();

        if (committed != generated && Environment.GetEnvironmentVariable("APPLIANCE_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, text[..from] + generated + text[end..]);
            committed = generated;
        }

        Assert.True(committed == generated,
            $"docs/configuration.md's keyword table differs from the schema (src/Appliance.Config/Schema/Keywords.*.cs); regenerate it with: {Regenerate}");
    }

    [Fact]
    public void The_schema_defaults_are_the_model_defaults()
    {
        var g = new GlobalSettings();
        var garp = new GarpSettings();
        var channel = new HeartbeatChannelSettings { Name = "c", Kind = HeartbeatChannelKind.Link };
        var fence = new FenceSettings { Command = "" };
        var leds = new Board.LedSettings();

        Assert.Equal(g.SmtpPort, K.SmtpPort.DefaultInt);
        Assert.Equal(g.SmtpConnectTimeoutSeconds, K.SmtpConnectTimeout.DefaultInt);
        Assert.Equal((int)g.DefaultVersion, K.VrrpVersion.DefaultInt);
        Assert.Equal(g.StartupDelay, K.StartupDelay.DefaultCentiseconds);
        Assert.Equal(garp.MasterRepeat, K.GlobalGarpMasterRepeat.DefaultInt);
        Assert.Equal(garp.MasterDelay, K.GlobalGarpMasterDelay.DefaultCentiseconds);
        Assert.Equal(garp.MasterRefresh, K.GlobalGarpMasterRefresh.DefaultCentiseconds);
        Assert.Equal(garp.MasterRefreshRepeat, K.GlobalGarpMasterRefreshRepeat.DefaultInt);
        Assert.Equal(garp.Interval, K.GlobalGarpInterval.DefaultCentiseconds);
        Assert.Equal(garp.NaInterval, K.GlobalGnaInterval.DefaultCentiseconds);
        // keepalived: unset lower-priority knobs follow vrrp_garp_master_repeat / _delay.
        Assert.Equal((garp.MasterRepeat, garp.MasterDelay), Appliance.Config.Model.GarpSettings.ResolveLowerPriority(null, garp));
        Assert.Equal(channel.Port, K.ChannelPort.DefaultInt);
        Assert.Equal(channel.Baud, K.ChannelBaud.DefaultInt);
        Assert.Equal(channel.Interval, K.ChannelInterval.DefaultCentiseconds);
        Assert.Equal(channel.DeadTime, K.ChannelDeadTime.DefaultCentiseconds);
        Assert.Equal(fence.After, K.FenceAfter.DefaultCentiseconds);
        Assert.Equal(fence.MaxRandomDelay, K.FenceMaxRandomDelay.DefaultCentiseconds);
        Assert.Equal(leds.AlertHold, K.LedsAlertHold.DefaultCentiseconds);
        Assert.Equal(new TrackScriptConfig { Name = "s", Script = "s" }.IntervalSeconds, K.ScriptInterval.DefaultInt);
        Assert.Equal(new TrackFileConfig { Name = "f", File = "f" }.Weight, K.TrackFileWeight.DefaultInt);
    }
}
