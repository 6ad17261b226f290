using Appliance.Integration.Tests.Daemon;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Parity;

/// <summary>keepalived's <c>-V</c> / <c>--dont-release-vrrp</c>: a master stopped with SIGTERM sends no
/// priority 0 and leaves its VIP in place; without it the VIP goes and priority 0 is sent.</summary>
public sealed class DontReleaseVrrpTests
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(10);

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void Sigterm_leaves_the_vip_and_sends_no_priority_zero_only_with_dont_release_vrrp(bool dontRelease)
    {
        LabRequirements.RequireNamespaces();
        LabRequirements.RequireTool("tcpdump", "tcpdump");
        using var lab = BridgeLab.Create(1);
        using var capture = lab.Own(WireCapture.Start(lab.Client, "ip proto 112"));
        var r1 = lab.StartRouter(1, null, dontRelease ? ["-V"] : [], new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.2 });
        lab.RequireOnlyMaster(1, Vip, s_settle, r1);

        r1.Signal(15);
        Assert.True(r1.WaitForExit(TimeSpan.FromSeconds(10)), "r1 exits after SIGTERM");
        Assert.Equal(0, r1.ExitCode);
        Assert.Equal(dontRelease, lab.Routers[0].HasVip(Vip));
        if (dontRelease)
        {
            Assert.DoesNotContain("prio 0,", capture.Output);
            Assert.Contains("--dont-release-vrrp", r1.Output);
        }
        else
        {
            Poll.Require(() => capture.Output.Contains("prio 0,", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the priority-0 advert", () => capture.Output);
        }
    }
}
