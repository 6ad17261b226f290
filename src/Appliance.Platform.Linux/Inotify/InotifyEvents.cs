using System.Buffers.Binary;

namespace Appliance.Platform.Linux.Inotify;

/// <summary>One record of an inotify read: the watch, what happened, and the name within the watched directory.</summary>
public readonly ref struct InotifyEvent
{
    internal InotifyEvent(int watch, uint mask, ReadOnlySpan<byte> name)
    {
        Watch = watch;
        Mask = mask;
        Name = name;
    }

    /// <summary>The watch descriptor.</summary>
    public int Watch { get; }

    /// <summary>IN_* bits.</summary>
    public uint Mask { get; }

    /// <summary>The file's name in the directory (UTF-8, without the kernel's NUL padding); empty for the directory itself.</summary>
    public ReadOnlySpan<byte> Name { get; }
}

/// <summary>
/// A pure walk over the bytes one read(2) of an inotify descriptor returned:
/// <c>struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }</c>, native
/// byte order (the kernel's), name NUL-padded to <c>len</c>.
/// </summary>
public ref struct InotifyEvents
{
    private const int HeaderSize = 16;
    private ReadOnlySpan<byte> _rest;

    /// <summary>Walks <paramref name="buffer"/>.</summary>
    public InotifyEvents(ReadOnlySpan<byte> buffer) => _rest = buffer;

    /// <summary>The next record; false at the end or at a truncated record.</summary>
    public bool Next(out InotifyEvent e)
    {
        e = default;
        if (_rest.Length < HeaderSize) return false;
        int wd = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadInt32LittleEndian(_rest) : BinaryPrimitives.ReadInt32BigEndian(_rest);
        uint mask = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(_rest[4..]) : BinaryPrimitives.ReadUInt32BigEndian(_rest[4..]);
        uint len = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(_rest[12..]) : BinaryPrimitives.ReadUInt32BigEndian(_rest[12..]);
        if (len > (uint)(_rest.Length - HeaderSize)) return false;
        var name = _rest.Slice(HeaderSize, (int)len);
        int nul = name.IndexOf((byte)0);
        if (nul >= 0) name = name[..nul];
        e = new InotifyEvent(wd, mask, name);
        _rest = _rest[(HeaderSize + (int)len)..];
        return true;
    }
}
