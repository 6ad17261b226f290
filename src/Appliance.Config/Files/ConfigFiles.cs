using System.Text;

namespace Appliance.Config.Files;

/// <summary>The outcome of reading one configuration file: its text, or why not.</summary>
internal readonly record struct FileRead(string? Text, string? Error, bool Missing = false);

/// <summary>
/// Reads configuration files within fixed limits, so no file can hang <c>check</c> or a reload on the
/// loop thread, or make it grow without bound (issue 10): only regular files (checked with stat before
/// opening: a FIFO would block the open, /dev/zero would never end), at most <see cref="MaxFileBytes"/>
/// each (read with a bounded buffer, so a file that grows after the stat is cut off too), at most
/// <see cref="MaxTotalBytes"/> and <see cref="MaxFiles"/> files for one configuration with its includes.
/// One instance per load.
/// </summary>
internal sealed class ConfigFiles
{
    /// <summary>The largest configuration file: far above any router's (keepalived's own samples are a few KiB).</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>The most one configuration may read, includes included.</summary>
    public const long MaxTotalBytes = 16L * 1024 * 1024;

    /// <summary>The most files one configuration may read.</summary>
    public const int MaxFiles = 1000;

    private long _total;
    private int _files;

    /// <summary>Reads <paramref name="path"/> or says why it may not be read.</summary>
    public FileRead Read(string path)
    {
        var kind = FileStatus.Of(path, out long size, out string? why);
        if (kind == FileKind.Missing) return new FileRead(null, "no such file", Missing: true);
        if (why is not null) return new FileRead(null, why);
        if (kind != FileKind.Regular)
            return new FileRead(null, kind == FileKind.Other
                ? "it is empty or not a regular file; only regular files are read"
                : $"it is {FileStatus.Describe(kind)}, not a regular file; only regular files are read");
        if (size > MaxFileBytes) return new FileRead(null, TooBig(size));
        if (++_files > MaxFiles) return new FileRead(null, $"more than {MaxFiles} configuration files are read for one configuration");

        byte[] buffer;
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            // One byte more than allowed: reading it proves the file grew past the limit after the stat.
            buffer = new byte[Math.Min(size, MaxFileBytes) + 1];
            length = ReadUpTo(stream, buffer);
            if (length == buffer.Length && buffer.Length <= MaxFileBytes)
            {
                // The file grew after the stat: read on, still bounded.
                Array.Resize(ref buffer, MaxFileBytes + 1);
                length += ReadUpTo(stream, buffer.AsSpan(length));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileRead(null, e is UnauthorizedAccessException ? "permission denied" : "cannot be read (I/O error)");
        }
        if (length > MaxFileBytes) return new FileRead(null, TooBig(length));
        _total += length;
        if (_total > MaxTotalBytes)
            return new FileRead(null, $"the configuration and its includes are more than {MaxTotalBytes / (1024 * 1024)} MiB");
        using var reader = new StreamReader(new MemoryStream(buffer, 0, length), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return new FileRead(reader.ReadToEnd(), null);
    }

    private static string TooBig(long size) =>
        $"it is {size} bytes; a configuration file may be at most {MaxFileBytes / (1024 * 1024)} MiB";

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
