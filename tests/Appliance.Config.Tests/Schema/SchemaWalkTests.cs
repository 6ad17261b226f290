using Appliance.Config.Diagnostics;
using Appliance.Config.Schema;
using Appliance.Config.Tests.Support;

namespace Appliance.Config.Tests.Schema;

/// <summary>
/// Walks the whole schema: every keyword is accepted by both readers, and every keyword the daemon
/// reads but does not act on yields exactly one located warning that says so, never silence.
/// </summary>
public sealed class SchemaWalkTests
{
    public static TheoryData<string> NotActedKeepalived() => Ids(k => k.Status == KeywordStatus.NotActed && k.Name is not null);

    public static TheoryData<string> NotActedToml() => Ids(k => k.Status == KeywordStatus.NotActed && k.Toml is not null);

    public static TheoryData<string> WithKeepalivedName() => Ids(k => k.Name is not null);

    public static TheoryData<string> WithTomlKey() => Ids(k => k.Toml is not null);

    private static TheoryData<string> Ids(Func<Keyword, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (var k in Keywords.All)
            if (which(k)) data.Add(Id(k));
        return data;
    }

    private static string Id(Keyword k) => k.Block + ":" + (k.Name ?? "") + ":" + (k.Toml ?? "");

    private static Keyword ById(string id) => Keywords.All.Single(k => Id(k) == id);

    [Theory]
    [MemberData(nameof(NotActedKeepalived))]
    public void A_keepalived_keyword_read_but_not_acted_on_gets_one_located_warning_that_says_so(string id)
    {
        var k = ById(id);
        var (text, line) = SchemaSamples.Keepalived(k);
        var parent = SchemaSamples.NotActedParent(k);
        if (parent is not null) line = 1;

        var r = Load.Conf(text);

        var d = Assert.Single(r.Diagnostics, NotActedFeatures.Is);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(("test.conf", line), (d.Location.File, d.Location.Line));
        Assert.True(d.Location.Column > 0);
        Assert.EndsWith("read but not acted on: " + (parent ?? k).Reason, d.Message);
        Assert.Contains($"'{(parent ?? k).Name}'", d.Message);
    }

    [Theory]
    [MemberData(nameof(NotActedToml))]
    public void A_toml_key_read_but_not_acted_on_gets_one_located_warning_that_says_so(string id)
    {
        var k = ById(id);
        var parent = SchemaSamples.NotActedParent(k) ?? (k.Toml!.StartsWith("sync_group.", StringComparison.Ordinal) ? Keywords.VrrpSyncGroup : null);

        var r = Load.Toml(SchemaSamples.Toml(k));

        var d = Assert.Single(r.Diagnostics, NotActedFeatures.Is);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("test.toml", d.Location.File);
        Assert.True(d.Location.Line > 0);
        Assert.EndsWith("read but not acted on: " + (parent ?? k).Reason, d.Message);
    }

    [Theory]
    [MemberData(nameof(WithKeepalivedName))]
    public void Every_keepalived_keyword_of_the_schema_is_accepted_by_the_keepalived_reader(string id)
    {
        var (text, _) = SchemaSamples.Keepalived(ById(id));

        var r = Load.Conf(text);

        Assert.DoesNotContain(r.Diagnostics, d => d.Code is DiagnosticCodes.UnknownKeyword or DiagnosticCodes.InvalidValue or DiagnosticCodes.OutOfRange or DiagnosticCodes.MissingValue);
    }

    [Theory]
    [MemberData(nameof(WithTomlKey))]
    public void Every_toml_key_of_the_schema_is_accepted_by_the_toml_reader(string id)
    {
        var r = Load.Toml(SchemaSamples.Toml(ById(id)));

        Assert.DoesNotContain(r.Diagnostics, d => d.Code is DiagnosticCodes.TomlUnknownKey or DiagnosticCodes.TomlType or DiagnosticCodes.TomlSyntax
            or DiagnosticCodes.OutOfRange or DiagnosticCodes.InvalidValue);
    }

    [Fact]
    public void Acted_keywords_in_a_minimal_instance_give_no_warning()
    {
        var r = Load.Conf(Load.Instance("    virtual_ipaddress { 10.0.0.1 }"));
        Assert.Empty(r.Diagnostics);
    }

    [Fact]
    public void Every_keyword_that_is_not_acted_on_says_why()
    {
        Assert.All(Keywords.All.Where(k => k.Status != KeywordStatus.Acted), k => Assert.False(string.IsNullOrWhiteSpace(k.Reason), k.ToString()));
        Assert.All(Keywords.All.Where(k => k.Status == KeywordStatus.Acted), k => Assert.Null(k.Reason));
    }
}
