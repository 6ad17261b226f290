using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Appliance.Testing;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Security;

/// <summary>
/// Threat (to the operator): an error the user caused that prints a .NET resource key
/// (<c>UnauthorizedAccess_IODenied_Path</c>) or a stack trace instead of a sentence naming the file
/// and the fix. Run against the published AOT binary, where the resource strings are decided.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class MessageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apsec-msg-").FullName;

    public MessageTests() => File.SetUnixFileMode(_dir, (UnixFileMode)0x1ED);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Resource keys look like Word_Word_Word with a capital first letter (keepalived keywords are lower case).
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+_[A-Z][A-Za-z]*(_[A-Za-z]+)*\b")]
    private static partial Regex ResourceKey();

    private static string Binary()
    {
        string bin = RepoPaths.PublishedBinary("linux-x64");
        Skip.IfNot(File.Exists(bin), $"SKIPPED LOUDLY: {bin} missing; run ./build.sh publish (build.sh test does)");
        Skip.IfNot(Shell.IsRoot && Shell.Has("setpriv"), "SKIPPED LOUDLY: needs root and setpriv (util-linux)");
        return bin;
    }

    private static (int Code, string Output) Run(IReadOnlyList<string> argv)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(true);
            throw new TimeoutException($"{argv[0]} did not exit");
        }
        return (p.ExitCode, stdout.Result + stderr);
    }

    private static void AssertSentenceNaming(string output, string path)
    {
        Assert.Contains(path, output);
        Assert.DoesNotMatch(ResourceKey(), output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output);
    }

    [SkippableFact]
    public void Unreadable_config_is_a_sentence_naming_the_file()
    {
        string bin = Binary();
        string conf = Path.Combine(_dir, "keepalived.conf");
        File.WriteAllText(conf, VrrpInstanceSpec.File([new VrrpInstanceSpec()]));
        File.SetUnixFileMode(conf, (UnixFileMode)0x180); // 0600 root: nobody cannot read it

        var (code, output) = Run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", bin, "check", conf]);

        Assert.Equal(4, code);
        AssertSentenceNaming(output, conf);
        Assert.Contains($"{conf}: error APC004: cannot read the configuration file: permission denied", output);
    }

    [SkippableFact]
    public void Unwritable_pid_file_directory_is_a_sentence_naming_it_and_the_fix()
    {
        string bin = Binary();
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        string conf = Path.Combine(_dir, "r1.conf");
        File.WriteAllText(conf, VrrpInstanceSpec.File([new VrrpInstanceSpec { AdvertInt = 0.2 }]));
        // A directory root does not own, and root without CAP_DAC_OVERRIDE (the bounding set of the
        // documented systemd unit) cannot write: the pid file cannot be created there.
        string locked = Path.Combine(_dir, "locked");
        Directory.CreateDirectory(locked);
        Shell.Run("chown", "65534:65534", locked);
        string pid = Path.Combine(locked, "appliance.pid");

        var p = lab.Own(lab.Routers[0].Start("setpriv", ["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all", bin,
            "run", "-n", "-l", "-f", conf, "-p", pid, "--status-file", Path.Combine(_dir, "appliance.status")]));
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), p.Output);

        Assert.NotEqual(0, p.ExitCode);
        AssertSentenceNaming(p.Output, locked);
        Assert.False(File.Exists(pid));
    }
}
