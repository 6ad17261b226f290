namespace Appliance.Board.Tests;

/// <summary>Finds the repository from the test binary (bin/Debug/net10.0 under tests/...).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string BoardDirectory => Path.Combine(Root, "board");

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Appliance.sln"))) return d.FullName;
        throw new InvalidOperationException("Appliance.sln not found above " + AppContext.BaseDirectory);
    }
}
