using Appliance.Integration.Tests.Daemon;
using Appliance.Integration.Tests.Loop;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Parity;

/// <summary>keepalived's <c>notify_master_rx_lower_pri</c> with the real daemon: r1 preempts r2,
/// which has <c>higher_prio_send_advert</c>, so r1 as master hears one lower-priority advert and runs
/// the script once, with the words it was configured with.</summary>
public sealed class NotifyMasterRxLowerPriTests
{
    private const string Vip = "10.200.0.254";
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public void A_master_that_hears_a_lower_priority_runs_notify_master_rx_lower_pri()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        string log = Path.Combine(lab.Directory, "rx.log");
        string script = Path.Combine(lab.Directory, "rx.sh");
        File.WriteAllText(script, $"#!/bin/sh\necho \"rx $*\" >> {log}\n");
        Shell.Run("chmod", "755", script);
        var d2 = lab.StartRouter(2, new VrrpInstanceSpec { Priority = 100, AdvertInt = 0.5, ExtraLines = ["higher_prio_send_advert"] });
        lab.RequireOnlyMaster(2, Vip, s_settle, d2);
        Assert.False(File.Exists(log), "nobody heard a lower priority yet");
        var d1 = lab.StartRouter(1, new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.5, ExtraLines = [$"notify_master_rx_lower_pri \"{script} VI_1 lower\""] });
        lab.RequireOnlyMaster(1, Vip, s_settle, d1, d2);

        Poll.Require(() => File.Exists(log) && File.ReadAllLines(log).Length >= 1, s_settle, "the script to run", () => RouterLabExtensions.Diagnostics(lab, d1));
        // r2 answered r1's takeover with exactly one advert, so the script ran exactly once.
        // Let r1 advertise three more times: any other lower-priority advert would have come by then.
        long sent = d1.LineValue("instance VI_1 ", "adverts_sent") ?? 0;
        Poll.Require(() => (d1.LineValue("instance VI_1 ", "adverts_sent") ?? 0) >= sent + 3, s_settle, "three more adverts from r1");
        Assert.Equal(["rx VI_1 lower"], File.ReadAllLines(log));
    }
}
