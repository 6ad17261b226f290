using System.Text.RegularExpressions;
using Appliance.Integration.Tests.Daemon;
using Appliance.Logging;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Logging;

/// <summary>
/// What an operator greps for: one plain line per event, a stable event id per kind of line, and
/// the instance rendered as <c>[VRID 51] [IPv4] [eth0]</c>.
/// </summary>
public sealed partial class LogLineTests
{
    private const string EnteringState = "{Prefix} Entering {State} STATE (was {From}, {Reason}, priority {Priority})";

    [Fact]
    public void An_event_id_is_the_fnv1a_hash_of_the_template_and_does_not_change_between_runs()
    {
        // Fixed values: an id that changed between releases would break operators' alert rules.
        Assert.Equal("811c9dc5", EventIdEnricher.Of(""));
        Assert.Equal("e40c292c", EventIdEnricher.Of("a"));
        Assert.Equal(EventIdEnricher.Of(EnteringState), EventIdEnricher.Of(string.Concat("{Prefix} Entering {State} ", "STATE (was {From}, {Reason}, priority {Priority})")));
        Assert.NotEqual(EventIdEnricher.Of(EnteringState), EventIdEnricher.Of("{Prefix} all VIPs added on retry {Count}"));
    }

    [SkippableFact]
    public void A_state_change_is_one_plain_line_with_its_event_id_and_the_instance_prefix()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        var r1 = lab.StartRouter(1, new VrrpInstanceSpec { Name = "VI_1", Vrid = 51, Priority = 150, AdvertInt = 0.1 });
        Poll.Require(() => r1.State() == "MASTER", TimeSpan.FromSeconds(10), "r1 master", () => RouterLabExtensions.Diagnostics(lab, r1));

        string id = EventIdEnricher.Of(EnteringState);
        Poll.Require(() => r1.Output.Contains("Entering MASTER STATE", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the MASTER line", () => r1.Output);
        string line = r1.Output.Split('\n').First(l => l.Contains("Entering MASTER STATE", StringComparison.Ordinal));
        Assert.Matches(Line(), line);
        Assert.Contains($" INF {id} [VRID 51] [IPv4] [eth0] (VI_1) Entering MASTER STATE", line);
        // Every line carries an id, so a line without one is a log call that bypassed the setup.
        foreach (var l in r1.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (Timestamp().IsMatch(l)) Assert.Matches(Line(), l);
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3} (VRB|DBG|INF|WRN|ERR|FTL) [0-9a-f]{8} \S")]
    private static partial Regex Line();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3} ")]
    private static partial Regex Timestamp();
}
