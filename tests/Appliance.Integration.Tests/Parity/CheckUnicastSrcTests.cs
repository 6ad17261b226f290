using Appliance.Integration.Tests.Daemon;
using Appliance.Integration.Tests.Loop;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Parity;

/// <summary>keepalived's <c>check_unicast_src</c> with the real daemon: r1 (priority 150) sends its
/// adverts by unicast to r2, whose own peer list does not name r1.</summary>
public sealed class CheckUnicastSrcTests
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(10);

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_unicast_advert_from_an_address_that_is_not_a_peer_is_heard_unless_check_unicast_src_is_on(bool check)
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var r1 = lab.StartRouter(1, new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.2, UnicastPeers = [BridgeLab.RouterV4(2)] });
        var r2 = lab.StartRouter(2, check ? "    vrrp_check_unicast_src" : null, [],
            new VrrpInstanceSpec { Priority = 100, AdvertInt = 0.2, UnicastPeers = ["10.200.0.99"] });

        if (check)
        {
            // r2 never hears r1, so both are master; each of r1's adverts is a counted UnknownPeer drop.
            Poll.Require(() => r1.State() == "MASTER" && r2.State() == "MASTER", s_settle, "both MASTER", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
            Poll.Require(() => (r2.LineValue("drop instance VI_1 UnknownPeer", "UnknownPeer") ?? 0) > 2, s_settle, "r2 to count UnknownPeer drops",
                () => RouterLabExtensions.Diagnostics(lab, r2));
            Assert.Equal(0, r2.LineValue("instance VI_1 ", "adverts_accepted"));
        }
        else
        {
            // keepalived's default: any source is heard, so r2 follows r1.
            lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
            Poll.Require(() => r2.State() == "BACKUP" && (r2.LineValue("instance VI_1 ", "adverts_accepted") ?? 0) > 2, s_settle, "r2 BACKUP hearing r1",
                () => RouterLabExtensions.Diagnostics(lab, r2));
            Assert.Null(r2.LineValue("drop instance VI_1 UnknownPeer", "UnknownPeer"));
        }
    }
}
