using Appliance.Config.Diagnostics;
using Appliance.Config.Tests.Support;

namespace Appliance.Config.Tests.Keepalived;

/// <summary>Every file of Debian's keepalived samples reads without a crash; VRRP ones bind.</summary>
public sealed class SampleCorpusTests
{
    [SkippableTheory]
    [MemberData(nameof(Names))]
    public void Sample_reads_without_a_crash_and_every_diagnostic_is_located(string name)
    {
        Skip.IfNot(Samples.Installed, "keepalived's samples are not installed (apt-get install keepalived)");
        var r = ConfigLoader.Load(Samples.PathOf(name), new ConfigLoadOptions { ConfigId = "test" });

        foreach (var d in r.Diagnostics)
        {
            Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, $"unlocated: {d}");
            Assert.EndsWith(name, d.Location.File);
        }
        Assert.Equal(r.HasErrors, r.Config is null);
    }

    [SkippableTheory]
    [MemberData(nameof(Names))]
    public void Vrrp_samples_bind_and_unsupported_parts_warn_where_they_are(string name)
    {
        Skip.IfNot(Samples.Installed, "keepalived's samples are not installed (apt-get install keepalived)");
        string text = File.ReadAllText(Samples.PathOf(name));
        var r = ConfigLoader.Load(Samples.PathOf(name), new ConfigLoadOptions { ConfigId = "high" });

        if (text.Contains("vrrp_instance", StringComparison.Ordinal))
        {
            Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
            Assert.NotEmpty(r.Config!.Instances);
        }
        string[] lines = text.Split('\n');
        foreach (var d in r.Diagnostics.Where(d => d.Code == DiagnosticCodes.Unsupported && d.Message.Contains("virtual_server")))
            Assert.StartsWith("virtual_server", lines[d.Location.Line - 1].TrimStart());
        if (text.Contains("\nvirtual_server ", StringComparison.Ordinal))
            Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.Unsupported && d.Severity == DiagnosticSeverity.Warning);
    }

    public static TheoryData<string> Names() => Samples.Names();
}
