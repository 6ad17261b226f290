namespace Appliance.Testing.Lab;

/// <summary>
/// Finds the daemon to run: the AOT binary from artifacts/publish/linux-x64/appliance when
/// `build.sh test` has published it, otherwise the Debug build through `dotnet appliance.dll`.
/// </summary>
public static class DaemonBinary
{
    /// <summary>The repository root (the directory holding Appliance.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d is not null && !File.Exists(Path.Combine(d.FullName, "Appliance.sln"))) d = d.Parent;
            return d?.FullName ?? throw new InvalidOperationException("Appliance.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The command line prefix: [binary] or [dotnet, dll].</summary>
    public static string[] Command
    {
        get
        {
            string root = RepoRoot;
            string aot = Path.Combine(root, "artifacts", "publish", "linux-x64", "appliance");
            if (Environment.GetEnvironmentVariable("APPLIANCE_USE_DLL") is null && File.Exists(aot)) return [aot];
            foreach (var cfg in new[] { "Debug", "Release" })
            {
                string dll = Path.Combine(root, "src", "Appliance", "bin", cfg, "net10.0", "appliance.dll");
                if (File.Exists(dll)) return ["dotnet", dll];
            }
            throw new InvalidOperationException("no appliance binary: run ./build.sh publish or build src/Appliance");
        }
    }

    /// <summary>Whether the tests run the native AOT binary (the soak's GC figures mean most there).</summary>
    public static bool IsAot => Command.Length == 1;
}
