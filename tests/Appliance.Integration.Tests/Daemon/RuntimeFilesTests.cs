using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Daemon;

public sealed class RuntimeFilesTests
{
    [SkippableFact]
    public void Daemons_in_two_namespaces_started_with_keepalived_flags_get_distinct_default_pid_and_status_files()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var started = new List<(LabProcess Process, string Inode)>();
        for (int i = 0; i < 2; i++)
        {
            string conf = Path.Combine(lab.Directory, $"r{i + 1}.conf");
            File.WriteAllText(conf, VrrpInstanceSpec.File([new VrrpInstanceSpec { Priority = 100 + i, AdvertInt = 0.2 }]));
            string inode = lab.Routers[i].Exec("stat", "-L", "-c", "%i", "/proc/self/ns/net").Stdout.Trim();
            var cmd = DaemonBinary.Command;
            // keepalived's own invocation: bare flags route to the run verb.
            started.Add((lab.Own(lab.Routers[i].Start(cmd[0], [.. cmd[1..], "-n", "-l", "-D", "-P", "-f", conf])), inode));
        }
        foreach (var (p, inode) in started)
        {
            string status = $"/run/appliance/appliance-netns-{inode}.status";
            string pid = $"/run/appliance/appliance-netns-{inode}.pid";
            Poll.Require(() => File.Exists(status) && File.Exists(pid), TimeSpan.FromSeconds(15), $"{status} and {pid}", () => p.Output);
            Assert.Equal(p.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(pid).Trim());
            Assert.Contains(File.ReadAllLines(status), l => l.StartsWith("instance VI_1 ", StringComparison.Ordinal));
            // SIGUSR1 rewrites the status file at once.
            var before = File.GetLastWriteTimeUtc(status);
            p.Signal(10);
            Poll.Require(() => File.GetLastWriteTimeUtc(status) > before, TimeSpan.FromSeconds(2), "a status write after SIGUSR1");
        }
        Assert.NotEqual(started[0].Inode, started[1].Inode);
        foreach (var (p, inode) in started)
        {
            p.Signal(15);
            Assert.True(p.WaitForExit(TimeSpan.FromSeconds(5)));
            Assert.Equal(0, p.ExitCode);
            Assert.False(File.Exists($"/run/appliance/appliance-netns-{inode}.pid"), "the pid file is removed on exit");
        }
    }
}
