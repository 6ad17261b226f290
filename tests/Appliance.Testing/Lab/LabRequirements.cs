using Xunit;

namespace Appliance.Testing.Lab;

/// <summary>One place for the loud skip reasons of kernel tests.</summary>
public static class LabRequirements
{
    /// <summary>Skips unless root with iproute2: the test creates network namespaces.</summary>
    public static void RequireNamespaces()
    {
        Skip.IfNot(Shell.IsRoot, "SKIPPED LOUDLY: this test creates network namespaces and needs root (CI runs as root)");
        Skip.IfNot(Shell.Has("ip"), "SKIPPED LOUDLY: iproute2 ('ip') is not installed; run ./build.sh setup");
    }

    /// <summary>Skips unless <paramref name="tool"/> is installed.</summary>
    public static void RequireTool(string tool, string package)
    {
        Skip.IfNot(Shell.Has(tool), $"SKIPPED LOUDLY: '{tool}' is not installed (Debian package {package}); run ./build.sh setup");
    }
}
