namespace Appliance.Config.Tests.Support;

/// <summary>Debian's keepalived sample configurations (installed with the keepalived package).</summary>
public static class Samples
{
    public const string Directory = "/usr/share/doc/keepalived/samples";

    public static bool Installed => System.IO.Directory.Exists(Directory);

    public static IEnumerable<string> Files() =>
        Installed
            ? System.IO.Directory.GetFiles(Directory, "keepalived.conf*").Order(StringComparer.Ordinal)
            : [];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string f in Files()) data.Add(Path.GetFileName(f));
        if (data.Count == 0) data.Add("(keepalived samples not installed)");
        return data;
    }

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>The fixture directory copied next to the test assembly.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
