using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Parity;

/// <summary>keepalived's <c>unicast_ttl</c> on the wire: r1's unicast adverts reach r2 with the
/// configured TTL, and r2 (no TTL rule for unicast peers) still hears them.</summary>
public sealed class UnicastTtlTests
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public void Unicast_adverts_carry_the_configured_ttl_and_are_still_heard()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = BridgeLab.Create(2);
        using var capture = lab.Own(WireCapture.Start(lab.Routers[1], "ip proto 112"));
        var r1 = lab.StartRouter(1, new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.2, UnicastPeers = [BridgeLab.RouterV4(2)], ExtraLines = ["unicast_ttl 64"] });
        var r2 = lab.StartRouter(2, new VrrpInstanceSpec { Priority = 100, AdvertInt = 0.2, UnicastPeers = [BridgeLab.RouterV4(1)] });

        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Poll.Require(() => r2.State() == "BACKUP", s_settle, "r2 BACKUP", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        Poll.Require(() => capture.Output.Contains($"ttl 64,", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "an advert with TTL 64", () => capture.Output);
        // Every advert from r1 carries 64; r2's own (it sends none as backup) would carry 255.
        var lines = capture.Output.Split('\n');
        for (int i = 0; i + 1 < lines.Length; i++)
            if (lines[i + 1].Contains($"{BridgeLab.RouterV4(1)} > {BridgeLab.RouterV4(2)}: VRRPv3", StringComparison.Ordinal))
                Assert.Contains("ttl 64,", lines[i]);
    }
}
