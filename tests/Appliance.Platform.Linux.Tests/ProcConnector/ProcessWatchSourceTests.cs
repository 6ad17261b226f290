using System.Diagnostics;
using Appliance.Platform.Linux.ProcConnector;
using Appliance.Testing.Lab;
using Appliance.Vrrp;
using Appliance.Vrrp.Tracking;

namespace Appliance.Platform.Linux.Tests.ProcConnector;

/// <summary>The watcher against the real kernel: a process the test starts and kills is counted through the events.</summary>
public class ProcessWatchSourceTests
{
    [SkippableFact]
    public void A_started_process_is_counted_from_its_exec_event_and_uncounted_at_its_exit()
    {
        LabRequirements.RequireNamespaces(); // root: the connector's LISTEN needs it
        string token = "0." + Random.Shared.Next(100000, 999999);
        var pattern = new ProcessPattern("sleep", ["100000", token], ParamMatch.Partial, fullCommand: false);
        // argv[0] as this runtime passes it decides the pattern's name; learn it from a first run.
        using var probe = LabProcess.Start(["/bin/sleep", "100000", "0.1"]);
        string argv0 = File.ReadAllText($"/proc/{probe.Pid}/cmdline").Split('\0')[0];
        pattern = new ProcessPattern(argv0, ["100000", token], ParamMatch.Partial, fullCommand: false);

        var changes = new List<TrackerStatus>();
        using var source = new ProcessWatchSource([(pattern, new ProcessQuorum(1, int.MaxValue, default, default))], (_, s, _) => changes.Add(s));
        var error = source.Start(Now());
        Assert.Null(error);
        Assert.Equal(TrackerStatus.Down, source.Quorum(0).Status);

        using var sleep = LabProcess.Start(["/bin/sleep", "100000", token]);
        Poll.Require(() => Serve(source) && source.Quorum(0).Count == 1, TimeSpan.FromSeconds(10), "the exec event to count the sleep");
        Assert.Equal([TrackerStatus.Up], changes);
        sleep.Signal(9);
        Poll.Require(() => Serve(source) && source.Quorum(0).Count == 0, TimeSpan.FromSeconds(10), "the exit event to uncount it");
        Assert.Equal([TrackerStatus.Up, TrackerStatus.Down], changes);
        Assert.All(source.Drops, d => Assert.Equal(0, d));
    }

    private static MonoTime Now() => new(Stopwatch.GetTimestamp() * (1_000_000_000L / Stopwatch.Frequency));

    private static bool Serve(ProcessWatchSource source)
    {
        source.OnReadable(Now());
        return true;
    }
}
