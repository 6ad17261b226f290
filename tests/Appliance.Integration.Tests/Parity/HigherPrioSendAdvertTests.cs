using System.Text.RegularExpressions;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Parity;

/// <summary>keepalived's <c>higher_prio_send_advert</c> on the wire: r2 is master when r1 (priority
/// 150) preempts it; with the keyword r2 answers r1's first advert with one of its own, then falls silent.</summary>
public sealed partial class HigherPrioSendAdvertTests
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    [GeneratedRegex(@"(\d+\.\d+\.\d+\.\d+) > 224\.0\.0\.18: VRRPv3, Advertisement, vrid 51, prio (\d+)")]
    private static partial Regex AdvertLine();

    /// <summary>The adverts seen on the wire, in order: (source, priority).</summary>
    internal static List<(string Source, int Priority)> Adverts(string capture) =>
        AdvertLine().Matches(capture).Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_master_preempted_by_a_higher_priority_sends_one_advert_first_only_with_higher_prio_send_advert(bool on)
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = BridgeLab.Create(2);
        using var capture = lab.Own(WireCapture.Start(lab.Client, "ip proto 112"));
        string r1 = BridgeLab.RouterV4(1), r2 = BridgeLab.RouterV4(2);
        var d2 = lab.StartRouter(2, new VrrpInstanceSpec { Priority = 100, AdvertInt = 1, ExtraLines = on ? ["higher_prio_send_advert"] : [] });
        lab.RequireOnlyMaster(2, Vip, s_settle, d2);
        var d1 = lab.StartRouter(1, new VrrpInstanceSpec { Priority = 150, AdvertInt = 1 });
        lab.RequireOnlyMaster(1, Vip, s_settle, d1, d2);

        // Wait for r1's next regular adverts so everything r2 did after the takeover is captured.
        Poll.Require(() => Adverts(capture.Output).Count(a => a.Source == r1) >= 3, s_settle, "three adverts from r1", () => capture.Output);
        var adverts = Adverts(capture.Output);
        int takeover = adverts.FindIndex(a => a.Source == r1 && a.Priority == 150);
        var after = adverts.Skip(takeover + 1).Where(a => a.Source == r2).ToList();
        if (on)
        {
            var answer = Assert.Single(after);
            Assert.Equal(100, answer.Priority);
            Assert.Equal((r2, 100), adverts[takeover + 1]);
        }
        else
        {
            Assert.Empty(after);
        }
    }
}
