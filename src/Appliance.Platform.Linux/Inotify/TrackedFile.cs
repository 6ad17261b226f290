using System.Globalization;
using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp.Tracking;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Inotify;

/// <summary>Reading and initialising a track_file, as keepalived does (process_track_file, init_file).</summary>
public static unsafe class TrackedFile
{
    /// <summary>The file's value: the first 127 bytes read as strtol base 0, clamped to -254..254;
    /// 0 when the file is missing, unreadable or holds no number.</summary>
    public static long ReadValue(string path)
    {
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
        if (fd < 0) return 0;
        byte* buf = stackalloc byte[128];
        nint n = read(fd, buf, 127);
        close(fd);
        return n <= 0 ? 0 : TrackWeight.ParseFileValue(new ReadOnlySpan<byte>(buf, (int)n));
    }

    /// <summary>keepalived's <c>init_file [VALUE] [overwrite]</c>: writes VALUE and a newline when
    /// the file does not exist, or always with overwrite. Returns false when it could not write.</summary>
    public static bool Initialise(string path, long value, bool overwrite)
    {
        if (!overwrite && File.Exists(path)) return true;
        try
        {
            File.WriteAllText(path, value.ToString(CultureInfo.InvariantCulture) + "\n");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
