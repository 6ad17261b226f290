namespace Appliance.Config.Tests.Support;

/// <summary>Files of the repository the tests read (examples, docs), found above the test assembly.</summary>
public static class RepoFiles
{
    /// <summary>The path of <paramref name="relative"/> (a file or directory) in the nearest ancestor that has it.</summary>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
