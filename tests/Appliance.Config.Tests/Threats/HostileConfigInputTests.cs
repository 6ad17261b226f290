using Appliance.Config.Diagnostics;
using Appliance.Config.Files;
using Appliance.Config.Tests.Support;

namespace Appliance.Config.Tests.Threats;

/// <summary>
/// Issue 10, "config input has no limits": a configuration path or an include that is a device, a FIFO,
/// a directory, huge or unreadable is a clear located error at once, with bounded memory, and never
/// echoes the file's content. Each read runs on a worker with a generous deadline: a hang guard, not a
/// timing assertion.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileConfigInputTests : IDisposable
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("apinput").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ConfigLoadResult LoadGuarded(string path)
    {
        var task = Task.Run(() => ConfigLoader.Load(path, new ConfigLoadOptions { ConfigId = "test" }));
        Assert.True(task.Wait(s_hangGuard), $"loading {path} did not finish: it hangs");
        return task.Result;
    }

    // Allocation is counted on the loading thread only: the process-wide figure includes whatever
    // the tests running in parallel allocate, which failed this check once on a busy CI machine.
    private static (ConfigLoadResult Result, long Allocated) LoadMeasured(string path)
    {
        var task = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var r = ConfigLoader.Load(path, new ConfigLoadOptions { ConfigId = "test" });
            return (r, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        Assert.True(task.Wait(s_hangGuard), $"loading {path} did not finish: it hangs");
        return task.Result;
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string MainIncluding(string target) =>
        Write("main.conf", Load.Instance("    virtual_ipaddress { 10.0.0.1 }") + $"\ninclude {target}\n");

    [Fact]
    public void Check_of_dev_zero_is_refused_before_reading_instead_of_reading_forever()
    {
        var (r, allocated) = LoadMeasured("/dev/zero");

        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal(DiagnosticCodes.InputLimit, d.Code);
        Assert.Equal("/dev/zero: error APC004: cannot read the configuration file: it is a character device, not a regular file; only regular files are read (name a regular configuration file)", d.ToString());
        Assert.True(allocated < 64 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Including_dev_zero_is_a_located_error_and_the_rest_is_still_checked()
    {
        string main = MainIncluding("/dev/zero");

        var r = LoadGuarded(main);

        var d = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.InputLimit);
        Assert.Equal((main, 6, 9), (d.Location.File, d.Location.Line, d.Location.Column));
        Assert.Contains("cannot include '/dev/zero': it is a character device, not a regular file", d.Message);
        Assert.Null(r.Config);
    }

    [Fact]
    public void A_100_MB_file_is_refused_by_its_size_without_being_read()
    {
        string big = Path.Combine(_dir, "big.conf");
        using (var f = File.Create(big)) f.SetLength(100L * 1024 * 1024);

        var (r, allocated) = LoadMeasured(big);

        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(DiagnosticCodes.InputLimit, d.Code);
        Assert.Contains("it is 104857600 bytes; a configuration file may be at most 4 MiB", d.Message);
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Including_a_100_MB_file_is_a_located_error()
    {
        string big = Path.Combine(_dir, "big.inc");
        using (var f = File.Create(big)) f.SetLength(100L * 1024 * 1024);

        var r = LoadGuarded(MainIncluding("big.inc"));

        var d = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.InputLimit);
        Assert.Equal(6, d.Location.Line);
        Assert.Contains("a configuration file may be at most 4 MiB", d.Message);
    }

    [Fact]
    public void Including_a_fifo_does_not_block_on_open()
    {
        string fifo = Path.Combine(_dir, "pipe");
        var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]);
        Assert.True(mkfifo.WaitForExit(10_000));
        Assert.Equal(0, mkfifo.ExitCode);

        var r = LoadGuarded(MainIncluding(fifo));

        var d = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.InputLimit);
        Assert.Contains("it is a FIFO, not a regular file", d.Message);
    }

    [Fact]
    public void Including_a_directory_is_a_located_error()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "conf.d"));

        var r = LoadGuarded(MainIncluding("conf.d"));

        var d = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.InputLimit);
        Assert.Equal(6, d.Location.Line);
        Assert.Contains("it is a directory", d.Message);
    }

    [Fact]
    public void Including_etc_shadow_like_content_never_echoes_a_line_of_it()
    {
        const string secret = "root:$6$saltsalt$4Lz0p9bq5Q0hashhashhash:19000:0:99999:7:::";
        Write("shadow", secret + "\ndaemon:*:19000:0:99999:7:::\n");

        var r = LoadGuarded(MainIncluding("shadow"));

        var d = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.InputLimit);
        Assert.Equal(6, d.Location.Line);
        Assert.Contains("so it is not read and none of it is shown", d.Message);
        string all = string.Join("\n", r.Diagnostics);
        Assert.DoesNotContain("root:", all);
        Assert.DoesNotContain("saltsalt", all);
        Assert.DoesNotContain("daemon", all);
    }

    [Fact]
    public void Check_of_etc_shadow_itself_never_echoes_a_line_of_it()
    {
        string shadow = Write("shadow", "root:$6$saltsalt$4Lz0p9bq5Q0hashhashhash:19000:0:99999:7:::\n");

        var r = LoadGuarded(shadow);

        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(DiagnosticCodes.InputLimit, d.Code);
        Assert.DoesNotContain("saltsalt", d.ToString());
        Assert.DoesNotContain("root:", d.ToString());
    }

    [Fact]
    public void Including_a_private_key_never_echoes_it()
    {
        Write("id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n");

        var r = LoadGuarded(MainIncluding("id_ed25519"));

        Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.InputLimit);
        Assert.DoesNotContain("b3BlbnNzaC1r", string.Join("\n", r.Diagnostics));
    }

    [Fact]
    public void Included_files_that_are_configuration_are_still_read_including_bare_address_lists()
    {
        Write("vips.inc", "# VIPs\n10.0.0.2/24\n10.0.0.3/24\n");
        string main = Write("main.conf", Load.Instance("    virtual_ipaddress {\n        include vips.inc\n    }"));

        var c = Load.Ok(LoadGuarded(main));

        Assert.Equal(["10.0.0.2/24", "10.0.0.3/24"], c.Instances[0].VirtualAddresses.Select(v => v.Prefix.ToString()));
    }

    [SkippableFact]
    public void An_unreadable_include_is_a_located_error_without_its_content()
    {
        Skip.If(Environment.UserName == "root", "root reads any file");
        string secret = Write("secret.conf", "vrrp_instance X {\n}\n");
        File.SetUnixFileMode(secret, UnixFileMode.None);

        var r = LoadGuarded(MainIncluding("secret.conf"));

        var d = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.InputLimit);
        Assert.Contains("permission denied", d.Message);
        Assert.Equal(6, d.Location.Line);
    }

    [Fact]
    public void The_size_limits_hold_across_includes()
    {
        // Five files of 3.9 MiB each: every one is under the per-file limit, together they pass the total.
        string chunk = new string('#', (int)(3.9 * 1024 * 1024)) + "\n";
        for (int i = 0; i < 5; i++) Write($"part{i}.inc", chunk);

        var r = LoadGuarded(MainIncluding("part*.inc"));

        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.InputLimit && d.Message.Contains($"more than {ConfigFiles.MaxTotalBytes / (1024 * 1024)} MiB"));
    }
}
