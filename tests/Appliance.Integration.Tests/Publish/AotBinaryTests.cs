using System.Diagnostics;
using Appliance.Testing;

namespace Appliance.Integration.Tests.Publish;

/// <summary>The shipped artefacts: native AOT binaries for both targets, as `./build.sh publish` leaves them.</summary>
public class AotBinaryTests
{
    private static (int Code, string Out) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException($"{file} did not exit"); }
        return (p.ExitCode, output);
    }

    [SkippableFact]
    public void Arm64_binary_reports_its_version_under_qemu_user_emulation()
    {
        string bin = RepoPaths.PublishedBinary("linux-arm64");
        Skip.IfNot(File.Exists(bin), $"SKIPPED LOUDLY: {bin} missing; run ./build.sh publish (build.sh test does)");
        string? qemu = RepoPaths.Which("qemu-aarch64-static");
        Skip.If(qemu is null, "SKIPPED LOUDLY: qemu-aarch64-static missing; ./build.sh setup installs qemu-user-static");

        var (code, output) = Run(qemu!, "-L", "/usr/aarch64-linux-gnu", bin, "--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^appliance \d+\.\d+\.\d+ \(linux-arm64, native-aot\)", output);
    }

    [SkippableFact]
    public void X64_binary_reports_its_version_natively()
    {
        string bin = RepoPaths.PublishedBinary("linux-x64");
        Skip.IfNot(File.Exists(bin), $"SKIPPED LOUDLY: {bin} missing; run ./build.sh publish (build.sh test does)");

        var (code, output) = Run(bin, "--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^appliance \d+\.\d+\.\d+ \(linux-x64, native-aot\)", output);
    }

    [SkippableFact]
    public void Unknown_verb_is_a_usage_error_that_names_the_verb()
    {
        string bin = RepoPaths.PublishedBinary("linux-x64");
        Skip.IfNot(File.Exists(bin), $"SKIPPED LOUDLY: {bin} missing; run ./build.sh publish (build.sh test does)");

        var (code, output) = Run(bin, "frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("unknown verb 'frobnicate'", output);
    }

    [SkippableFact]
    public void Native_binary_hot_paths_allocate_nothing()
    {
        string bin = RepoPaths.PublishedBinary("linux-x64");
        Skip.IfNot(File.Exists(bin), $"SKIPPED LOUDLY: {bin} missing; run ./build.sh publish (build.sh test does)");

        var (code, output) = Run(bin, "selftest");

        Assert.True(code == 0, output);
        Assert.Contains("all hot paths allocation-free", output);
        Assert.DoesNotContain("FAIL", output);
    }

    [SkippableFact]
    public void Arm64_binary_hot_paths_allocate_nothing_under_qemu()
    {
        string bin = RepoPaths.PublishedBinary("linux-arm64");
        Skip.IfNot(File.Exists(bin), $"SKIPPED LOUDLY: {bin} missing; run ./build.sh publish (build.sh test does)");
        string? qemu = RepoPaths.Which("qemu-aarch64-static");
        Skip.If(qemu is null, "SKIPPED LOUDLY: qemu-aarch64-static missing; ./build.sh setup installs qemu-user-static");

        var (code, output) = Run(qemu!, "-L", "/usr/aarch64-linux-gnu", bin, "selftest");

        Assert.True(code == 0, output);
        Assert.Contains("(linux-arm64, native-aot)", output);
        Assert.DoesNotContain("FAIL", output);
    }
}
