using Appliance.Platform.Linux.Inotify;
using Appliance.Platform.Linux.Loop;
using Appliance.Platform.Linux.Tests.Process;

namespace Appliance.Platform.Linux.Tests.Inotify;

/// <summary>track_file through inotify on a real kernel: writes and renames are seen without polling.</summary>
public sealed class FileWatchSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trackfile-").FullName;
    private readonly List<int> _changed = [];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_write_and_a_rename_over_the_file_are_reported_and_read_back()
    {
        using var w = new FileWatchSource((i, _) => _changed.Add(i));
        string path = Path.Combine(_dir, "prio");
        string other = Path.Combine(_dir, "other");
        int index = w.Add(path, out var error);
        Assert.Equal(0, index);
        Assert.Equal(0, error.Value);
        Assert.Equal(1, w.Add(other, out _));

        File.WriteAllText(path, "12\n");
        Assert.True(SourceLoop.RunUntil(() => _changed.Contains(0), TimeSpan.FromSeconds(5), w));
        Assert.Equal(12, TrackedFile.ReadValue(path));
        Assert.DoesNotContain(1, _changed);

        _changed.Clear();
        File.WriteAllText(path + ".tmp", "-3");
        File.Move(path + ".tmp", path, overwrite: true);
        Assert.True(SourceLoop.RunUntil(() => _changed.Contains(0), TimeSpan.FromSeconds(5), w));
        Assert.Equal(-3, TrackedFile.ReadValue(path));

        _changed.Clear();
        File.Delete(path);
        Assert.True(SourceLoop.RunUntil(() => _changed.Contains(0), TimeSpan.FromSeconds(5), w));
        Assert.Equal(0, TrackedFile.ReadValue(path));
    }

    [Fact]
    public void A_file_in_a_missing_directory_cannot_be_watched()
    {
        using var w = new FileWatchSource((i, _) => _changed.Add(i));
        Assert.Equal(-1, w.Add(Path.Combine(_dir, "nope", "f"), out var error));
        Assert.NotEqual(0, error.Value);
    }

    [Fact]
    public void Init_file_writes_only_a_missing_file_unless_told_to_overwrite()
    {
        string path = Path.Combine(_dir, "init");
        Assert.True(TrackedFile.Initialise(path, 5, overwrite: false));
        Assert.Equal(5, TrackedFile.ReadValue(path));
        Assert.True(TrackedFile.Initialise(path, 9, overwrite: false));
        Assert.Equal(5, TrackedFile.ReadValue(path));
        Assert.True(TrackedFile.Initialise(path, 9, overwrite: true));
        Assert.Equal(9, TrackedFile.ReadValue(path));
    }
}
