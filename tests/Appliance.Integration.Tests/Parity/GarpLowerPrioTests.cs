using System.Text.RegularExpressions;
using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Parity;

/// <summary>keepalived's <c>garp_lower_prio_repeat</c> / <c>garp_lower_prio_delay</c> on the wire. r2
/// is master when r1 (priority 150) preempts it; r2 has <c>higher_prio_send_advert</c>, so r1, now
/// master, hears one lower-priority advert from r2 and announces its VIP again: that many GARPs at
/// once and as many after the delay.</summary>
public sealed class GarpLowerPrioTests
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    [SkippableTheory]
    [InlineData(3)]
    [InlineData(0)]
    public void A_master_that_hears_a_lower_priority_sends_the_lower_prio_garps_at_once_and_after_the_delay(int repeat)
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = BridgeLab.Create(2);
        using var capture = lab.Own(WireCapture.Start(lab.Client, "arp or ip proto 112"));
        string r1 = BridgeLab.RouterV4(1), r2 = BridgeLab.RouterV4(2);
        var d2 = lab.StartRouter(2, new VrrpInstanceSpec { Priority = 100, AdvertInt = 1, ExtraLines = ["higher_prio_send_advert"] });
        lab.RequireOnlyMaster(2, Vip, s_settle, d2);
        // One GARP on becoming master and no second burst, so every further GARP is a lower-priority one.
        var d1 = lab.StartRouter(1, new VrrpInstanceSpec
        {
            Priority = 150, AdvertInt = 1,
            ExtraLines = ["garp_master_repeat 1", "garp_master_delay 0", $"garp_lower_prio_repeat {repeat}", "garp_lower_prio_delay 2"],
        });
        lab.RequireOnlyMaster(1, Vip, s_settle, d1, d2);
        string mac = lab.Routers[0].Ip("link", "show", "eth0").Split("link/ether ")[1][..17];
        var garp = new Regex($@"^\S+ {mac} > ff:ff:ff:ff:ff:ff, ethertype ARP.*who-has {Regex.Escape(Vip)} .*tell {Regex.Escape(Vip)},");
        var advert = new Regex(@"^\s+(\S+) > 224\.0\.0\.18: VRRPv3, Advertisement, vrid 51, prio (\d+)");

        // The events after r2's answer (its priority-100 advert after r1's first priority-150 one).
        List<string> AfterAnswer()
        {
            var events = new List<string>();
            foreach (var line in capture.Output.Split('\n'))
            {
                if (garp.IsMatch(line)) events.Add("garp");
                else if (advert.Match(line) is { Success: true } m) events.Add($"{m.Groups[1].Value}/{m.Groups[2].Value}");
            }
            int takeover = events.IndexOf($"{r1}/150");
            int answer = takeover < 0 ? -1 : events.IndexOf($"{r2}/100", takeover);
            if (answer < 0) return [];
            var after = events.Skip(answer + 1).ToList();
            // r1's one become-master GARP leaves with its takeover advert but may reach the capture
            // after r2's answer; lower-priority GARPs only follow r1's next advert, so a GARP first
            // is that one.
            if (after.Count > 0 && after[0] == "garp") after.RemoveAt(0);
            return after;
        }

        // r1's adverts go on every second; wait until four have followed the answer (past the 2 s delay).
        Poll.Require(() => AfterAnswer().Count(e => e == $"{r1}/150") >= 4, s_settle, "four adverts from r1 after r2's answer", () => capture.Output);
        var after = AfterAnswer();
        Assert.True(2 * repeat == after.Count(e => e == "garp"), $"expected {2 * repeat} GARPs after r2's answer:\n{string.Join(' ', after)}\n{capture.Output}\n{d1.Output}");
        if (repeat > 0)
        {
            // The first burst at once: r1 answers the lower priority with an advert, then its GARPs.
            Assert.Equal([$"{r1}/150", .. Enumerable.Repeat("garp", repeat)], after.Take(1 + repeat));
        }
    }
}
