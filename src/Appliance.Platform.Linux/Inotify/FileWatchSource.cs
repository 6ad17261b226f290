using System.Text;
using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Inotify;

/// <summary>
/// Watches files for track_file as one loop source: one inotify descriptor, one watch per
/// directory (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE, as keepalived watches),
/// so a file that does not exist yet, or is replaced by a rename, is still seen. A change calls
/// back with the file's index; the owner re-reads it. A queue overflow reports every file.
/// </summary>
public sealed unsafe class FileWatchSource : ILoopSource, IDisposable
{
    private const uint Mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ONLYDIR;
    private readonly FileDescriptor _fd;
    private readonly byte[] _buffer = new byte[4096];
    private readonly List<(int Watch, string Directory)> _directories = [];
    private readonly List<(int Watch, byte[] Name, string Path)> _files = [];
    private readonly Action<int, MonoTime> _onChanged;

    /// <summary>Opens the inotify descriptor; <paramref name="onChanged"/> gets the index <see cref="Add"/> returned.</summary>
    public FileWatchSource(Action<int, MonoTime> onChanged)
    {
        int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (fd < 0) throw new PlatformException("inotify_init1", Errno.Last);
        _fd = new FileDescriptor(fd);
        _onChanged = onChanged;
    }

    /// <inheritdoc />
    public string Name => "track_file";

    /// <inheritdoc />
    public int PollFd => _fd.Fd;

    /// <inheritdoc />
    public MonoTime NextDeadline => MonoTime.Never;

    /// <summary>Change notifications delivered.</summary>
    public long Notifications { get; private set; }

    /// <summary>Watches <paramref name="path"/> through its directory; returns the file's index,
    /// or an error when the directory cannot be watched (it must exist).</summary>
    public int Add(string path, out Errno error)
    {
        error = default;
        string full = System.IO.Path.GetFullPath(path);
        string dir = System.IO.Path.GetDirectoryName(full) ?? "/";
        int watch = -1;
        foreach (var d in _directories)
            if (d.Directory == dir) watch = d.Watch;
        if (watch < 0)
        {
            watch = inotify_add_watch(_fd.Fd, dir, Mask);
            if (watch < 0)
            {
                error = Errno.Last;
                return -1;
            }
            _directories.Add((watch, dir));
        }
        _files.Add((watch, Encoding.UTF8.GetBytes(System.IO.Path.GetFileName(full)), full));
        return _files.Count - 1;
    }

    /// <summary>The full path of file <paramref name="index"/>.</summary>
    public string PathOf(int index) => _files[index].Path;

    /// <inheritdoc />
    public void OnDeadline(MonoTime now)
    {
    }

    /// <inheritdoc />
    public void OnReadable(MonoTime now)
    {
        nint n;
        fixed (byte* p = _buffer) n = read(_fd.Fd, p, (nuint)_buffer.Length);
        if (n <= 0) return;
        var walk = new InotifyEvents(_buffer.AsSpan(0, (int)n));
        while (walk.Next(out var e))
        {
            if ((e.Mask & IN_Q_OVERFLOW) != 0)
            {
                for (int i = 0; i < _files.Count; i++) Notify(i, now);
                continue;
            }
            for (int i = 0; i < _files.Count; i++)
                if (_files[i].Watch == e.Watch && e.Name.SequenceEqual(_files[i].Name)) Notify(i, now);
        }
    }

    private void Notify(int index, MonoTime now)
    {
        Notifications++;
        _onChanged(index, now);
    }

    /// <inheritdoc />
    public void Dispose() => _fd.Dispose();
}
