using Appliance.Integration.Tests.Daemon;
using Appliance.Integration.Tests.Loop;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Parity;

/// <summary>keepalived's <c>mcast_dst_ip</c> with the real daemon on a bridge: adverts go to the
/// instance's group, the socket hears that group, and adverts to another group are not its own.</summary>
public sealed class McastDstIpTests
{
    private const string Vip = "10.200.0.254";
    private const string Group = "224.0.0.20";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(10);

    private static VrrpInstanceSpec Spec(int priority, string? group) => new()
    {
        Priority = priority,
        AdvertInt = 0.2,
        ExtraLines = group is null ? [] : [$"mcast_dst_ip {group}"],
    };

    [SkippableFact]
    public void Two_routers_on_another_group_advertise_to_it_and_elect_one_master()
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = BridgeLab.Create(2);
        using var capture = lab.Own(WireCapture.Start(lab.Client, "ip proto 112"));
        var r1 = lab.StartRouter(1, Spec(150, Group));
        var r2 = lab.StartRouter(2, Spec(100, Group));

        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        Poll.Require(() => r1.State() == "MASTER" && r2.State() == "BACKUP", s_settle, "r1 MASTER, r2 BACKUP", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        Poll.Require(() => capture.Output.Contains($"{BridgeLab.RouterV4(1)} > {Group}: VRRPv3", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5), $"r1's adverts to {Group} on the wire", () => capture.Output);
        Assert.DoesNotContain("> 224.0.0.18", capture.Output);
        // r2 heard r1's adverts on the other group: accepted, not dropped.
        Poll.Require(() => (r2.LineValue("instance VI_1 ", "adverts_accepted") ?? 0) > 0, TimeSpan.FromSeconds(3), "r2 to accept r1's adverts");
        Assert.Null(r2.LineValue("drop instance VI_1 GroupMismatch", "GroupMismatch"));
    }

    [SkippableFact]
    public void An_advert_to_another_instances_group_is_dropped_as_group_mismatch_and_never_moves_the_instance()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var r1 = lab.StartRouter(1, Spec(150, Group));
        // r2's VI_2 makes its socket join 224.0.0.20 too, so r1's VRID 51 adverts to that group
        // reach r2's VRID 51 instance, which is on the default group: not meant for it.
        var other = new VrrpInstanceSpec { Name = "VI_2", Vrid = 52, Priority = 100, AdvertInt = 0.2, Vips = ["10.200.0.253/24"], ExtraLines = [$"mcast_dst_ip {Group}"] };
        var r2 = lab.StartRouter(2, Spec(100, null), other);

        Poll.Require(() => (r2.LineValue("drop instance VI_1 GroupMismatch", "GroupMismatch") ?? 0) > 2, s_settle,
            "r2's VI_1 to count r1's adverts as GroupMismatch", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        // Same VRID on two groups: two virtual routers that never meet, so both are master.
        Poll.Require(() => r1.State() == "MASTER" && r2.State() == "MASTER", s_settle, "both VI_1 MASTER", () => RouterLabExtensions.Diagnostics(lab, r1, r2));
        Assert.Equal(0, r2.LineValue("instance VI_1 ", "adverts_accepted"));
        Assert.True(lab.Routers[0].HasVip(Vip) && lab.Routers[1].HasVip(Vip));
    }
}
