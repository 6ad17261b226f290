using System.Text;
using Appliance.Cli;
using Appliance.Config;
using Appliance.Config.Model;
using Appliance.Config.Validation;
using Appliance.Testing;
using Xunit.Abstractions;

namespace Appliance.Integration.Tests.Cli;

/// <summary>
/// <c>appliance check</c> against keepalived 2.2.7's own <c>-t</c> verdict on real configurations written
/// by other people (tests/Appliance.Config.Tests/Corpus/real, sources in its MANIFEST.tsv). The verdicts
/// were taken by running keepalived in a namespace holding the interfaces each file names (verdicts.sh);
/// here the same interfaces exist and scripts are judged on this host, as keepalived judged them.
/// </summary>
public sealed class RealCorpusParityTests(ITestOutputHelper output)
{
    private static string CorpusDirectory => Path.Combine(RepoPaths.Root, "tests", "Appliance.Config.Tests", "Corpus", "real");

    private sealed record Verdict(string File, string[] Interfaces, int Exit, int[] Lines);

    private static List<Verdict> Manifest()
    {
        var rows = new List<Verdict>();
        string[] lines = File.ReadAllLines(Path.Combine(CorpusDirectory, "MANIFEST.tsv"));
        string[] header = lines[0].Split('\t');
        int file = Array.IndexOf(header, "file"), ifs = Array.IndexOf(header, "interfaces");
        int exit = Array.IndexOf(header, "keepalived_exit"), at = Array.IndexOf(header, "keepalived_lines");
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            string[] c = line.Split('\t');
            rows.Add(new Verdict(c[file],
                c[ifs] == "-" ? [] : c[ifs].Split(','),
                int.Parse(c[exit]),
                c[at] == "-" ? [] : c[at].Split(',').Select(int.Parse).ToArray()));
        }
        return rows;
    }

    /// <summary>The namespace verdicts.sh made for one file: its interfaces, and this host's scripts.</summary>
    private sealed class CorpusHost(IReadOnlyCollection<string> interfaces, HostProbe scripts) : HostProbe
    {
        public override bool InterfaceExists(string name) => interfaces.Contains(name);
        public override string? Resolve(string program) => scripts.Resolve(program);
        public override string? WhyInsecure(string path) => scripts.WhyInsecure(path);
        public override bool UserExists(string name) => scripts.UserExists(name);
    }

    /// <summary>Lines keepalived complains about that check does not locate, each for a reason
    /// docs/configuration.md gives ("Differences from keepalived -t on real configurations").</summary>
    private static readonly Dictionary<(string File, int Line), string> s_knownUnlocated = new()
    {
        [("003-aws-failover.conf", 14)] = "no keepalived_script user: check says so only for a file without errors",
        [("008-supervisor.conf", 1)] = "a first line that is not configuration: check refuses the file unread",
        [("008-supervisor.conf", 17)] = "a first line that is not configuration: check refuses the file unread",
        [("008-supervisor.conf", 28)] = "a first line that is not configuration: check refuses the file unread",
        [("022-tcp-lb-template.conf", 3)] = "template braces {{ }}: keepalived pairs the braces differently",
        [("027-track-interface.conf", 8)] = "track_interface without a block: keepalived takes the next lines as its block",
        [("027-track-interface.conf", 9)] = "track_interface without a block: keepalived takes the next lines as its block",
        [("027-track-interface.conf", 10)] = "track_interface without a block: keepalived takes the next lines as its block",
    };

    [Fact]
    public void Check_gives_keepalived_t_exit_code_on_nine_in_ten_real_files_and_locates_every_line_keepalived_complains_about()
    {
        var verdicts = Manifest();
        Assert.True(verdicts.Count >= 30, $"the corpus holds {verdicts.Count} files, fewer than 30");

        var table = new StringBuilder();
        table.AppendLine($"{"file",-32} {"keepalived",10} {"ours",4}  agree  keepalived lines not located by check");
        int agree = 0;
        var unlocated = new List<string>();
        foreach (var v in verdicts)
        {
            string path = Path.Combine(CorpusDirectory, v.File);
            var outcome = CheckVerb.Check(path, new ConfigLoadOptions(), model => new CorpusHost(v.Interfaces, new LinuxHostProbe(model)));
            var located = outcome.Diagnostics
                .Where(d => d.Location.Line > 0 && Path.GetFileName(d.Location.File) == v.File)
                .Select(d => d.Location.Line)
                .ToHashSet();
            int[] missed = v.Lines.Where(l => !located.Contains(l) && !s_knownUnlocated.ContainsKey((v.File, l))).ToArray();
            int[] known = v.Lines.Where(l => !located.Contains(l) && s_knownUnlocated.ContainsKey((v.File, l))).ToArray();
            bool same = outcome.Code == v.Exit;
            if (same) agree++;
            if (missed.Length > 0) unlocated.Add($"{v.File}: line(s) {string.Join(", ", missed)}");
            string notLocated = missed.Length == 0 ? "-" : string.Join(",", missed);
            if (known.Length > 0) notLocated += $" (known: {string.Join(",", known)}, {s_knownUnlocated[(v.File, known[0])]})";
            table.AppendLine($"{v.File,-32} {v.Exit,10} {outcome.Code,4}  {(same ? "yes" : "NO"),-5}  {notLocated}");
            if (!same || missed.Length > 0)
                foreach (var d in outcome.Diagnostics) table.AppendLine("    " + d);
        }
        table.AppendLine($"same exit code on {agree} of {verdicts.Count} files ({100.0 * agree / verdicts.Count:F0}%)");
        output.WriteLine(table.ToString());

        Assert.True(agree * 10 >= verdicts.Count * 9, $"same exit code on only {agree} of {verdicts.Count} files (see the table in the test output)");
        Assert.True(unlocated.Count == 0, "keepalived complains about lines check does not locate:\n" + string.Join("\n", unlocated));
    }
}
