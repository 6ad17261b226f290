using Appliance.Config.Validation;

namespace Appliance.Config.Tests.Validation;

/// <summary>keepalived's script security rule on real files: nobody but the owner may change the script or its directories.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostProbeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("approbe").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Script(UnixFileMode mode)
    {
        string path = Path.Combine(_dir, $"s{(int)mode}.sh");
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void A_script_writable_by_others_is_insecure_and_one_writable_by_its_owner_only_is_not()
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.Null(HostProbe.Linux.WhyInsecure(Script(ownerOnly)));
        Assert.Equal("the file is writable by group or others", HostProbe.Linux.WhyInsecure(Script(ownerOnly | UnixFileMode.OtherWrite)));
    }

    [Fact]
    public void A_directory_writable_by_others_without_the_sticky_bit_makes_the_script_insecure()
    {
        string path = Script(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        Assert.Equal($"directory {_dir} is writable by group or others", HostProbe.Linux.WhyInsecure(path));
        File.SetUnixFileMode(_dir, File.GetUnixFileMode(_dir) | UnixFileMode.StickyBit);
        Assert.Null(HostProbe.Linux.WhyInsecure(path));
    }

    [Fact]
    public void Scripts_resolve_through_path_and_must_be_executable()
    {
        Assert.NotNull(HostProbe.Linux.Resolve("sh"));
        Assert.Null(HostProbe.Linux.Resolve(Path.Combine(_dir, "missing.sh")));
        Assert.Null(HostProbe.Linux.Resolve(Script(UnixFileMode.UserRead)));
    }
}
