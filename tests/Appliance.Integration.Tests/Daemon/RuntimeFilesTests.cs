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
            // Namespace inodes are reused, so files a killed daemon of an earlier run left behind
            // may sit at these paths: wait for this daemon's own pid, not for the files to exist.
            string mine = p.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Poll.Require(() => File.Exists(pid) && File.ReadAllText(pid).Trim() == mine
                                && File.Exists(status) && File.ReadAllLines(status).Contains("pid " + mine),
                TimeSpan.FromSeconds(15), $"{status} and {pid} holding {mine}", () => p.Output);
            Assert.Contains(File.ReadAllLines(status), l => l.StartsWith("instance VI_1 ", StringComparison.Ordinal));
            // SIGUSR1 rewrites the status file at once. Counted by the file's own status_writes
            // line: an mtime comparison misses a rewrite within the same coarse kernel tick.
            long before = StatusWrites(status);
            p.Signal(10);
            Poll.Require(() => StatusWrites(status) > before, TimeSpan.FromSeconds(5), "a status write after SIGUSR1", () => p.Output);
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

    private static long StatusWrites(string path)
    {
        // The daemon replaces the file by rename, so a read sees the old or the new file whole.
        foreach (string line in File.ReadAllLines(path))
            if (line.StartsWith("status_writes ", StringComparison.Ordinal))
                return long.Parse(line.AsSpan("status_writes ".Length), System.Globalization.CultureInfo.InvariantCulture);
        return -1;
    }
}
