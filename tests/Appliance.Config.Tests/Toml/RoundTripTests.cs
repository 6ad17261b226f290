using Appliance.Config.Diagnostics;
using Appliance.Config.Tests.Support;
using Appliance.Config.Toml;

namespace Appliance.Config.Tests.Toml;

/// <summary>keepalived.conf → model → TOML → model gives the same model, for every config in the corpus.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (string f in Samples.Files()) data.Add(f);
        foreach (string f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.conf").Order(StringComparer.Ordinal))
            data.Add(f);
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Keepalived_config_converted_to_toml_reads_back_to_an_equal_model(string path)
    {
        var options = new ConfigLoadOptions { ConfigId = "high" };
        var fromConf = ConfigLoader.Load(path, options);
        Assert.False(fromConf.HasErrors, string.Join("\n", fromConf.Diagnostics));

        string toml = TomlConfigWriter.Write(fromConf.Config!);
        var fromToml = ConfigLoader.LoadText(toml, "converted.toml", options);

        Assert.False(fromToml.HasErrors, string.Join("\n", fromToml.Diagnostics) + "\n" + toml);
        Assert.DoesNotContain(fromToml.Diagnostics, d => d.Code is DiagnosticCodes.TomlUnknownKey or DiagnosticCodes.TomlType);
        ModelComparer.AssertEqual(fromConf.Config!, fromToml.Config!);
        Assert.Equal(toml, TomlConfigWriter.Write(fromToml.Config!));
    }
}
