using Appliance.Board;
using Appliance.Board.Profiles;

namespace Appliance.Platform.Linux.Board;

/// <summary>Finds and reads <c>board/NAME.toml</c> for the profile the config chose.</summary>
public static class BoardProfileLoader
{
    /// <summary>Where profiles are looked for when the config names no directory.</summary>
    public static IReadOnlyList<string> DefaultDirectories { get; } =
        [Path.Combine(AppContext.BaseDirectory, "board"), "/usr/share/appliance/board"];

    /// <summary>The profile <see cref="BoardSettings.Profile"/> names, or null when it names none.</summary>
    /// <exception cref="BoardProfileException">Not found (the message lists what is available) or invalid.</exception>
    public static BoardProfile? Load(BoardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string? name = settings.Profile;
        if (string.IsNullOrEmpty(name)) return null;
        if (name.Contains('/') || name.StartsWith('.'))
            throw new BoardProfileException(name, ["a profile is chosen by name (e.g. raspberry-pi-4), not by path; use board.profile_directory for another directory"]);
        IReadOnlyList<string> directories = settings.ProfileDirectory is { } d ? [d] : DefaultDirectories;
        foreach (string dir in directories)
        {
            string path = Path.Combine(dir, name + ".toml");
            if (File.Exists(path)) return BoardProfileReader.Parse(File.ReadAllText(path), path);
        }
        var available = directories.Where(Directory.Exists)
            .SelectMany(dir => Directory.GetFiles(dir, "*.toml"))
            .Select(Path.GetFileNameWithoutExtension)
            .Distinct()
            .Order(StringComparer.Ordinal);
        throw new BoardProfileException(name,
            [$"not found in {string.Join(", ", directories)} (available: {string.Join(", ", available)})"]);
    }
}
