using System.Buffers.Binary;
using Appliance.Platform.Linux.Files;

namespace Appliance.Host.Recorder;

/// <summary>
/// The flight recorder: the last <see cref="SlotsPerInstance"/> transitions of every instance, with
/// their causes, in a fixed-size file that outlives the daemon (a restart, SIGKILL, a crash), so
/// <c>appliance why</c> can say why it failed over even when the daemon is gone.
/// </summary>
/// <remarks>
/// The file is a 64-byte header and <see cref="Regions"/> rings of <see cref="SlotsPerInstance"/>
/// records (<see cref="FlightRecord.Size"/> bytes each): 262,208 bytes, whatever happens. Each
/// instance owns one ring, found again after a restart by the name in its records. Record number
/// <c>s</c> (from 1) of a ring lives in slot <c>(s - 1) % SlotsPerInstance</c>, so the ring wraps
/// by itself and a reader orders records by sequence. One record is one pwrite; a crash mid-write
/// tears at most that record, which its CRC exposes, and the reader skips it. No fsync: a killed
/// process loses nothing the kernel has been handed; a power cut may lose the last records on a
/// persistent path (on /run, a tmpfs, the file does not survive a reboot at all).
/// Writing a record allocates nothing; claiming a ring for a new instance name does, once.
/// </remarks>
public sealed class FlightRecorder : IDisposable
{
    /// <summary>Records kept per instance.</summary>
    public const int SlotsPerInstance = 32;

    /// <summary>Instances the file has room for; the least recently active ring of an instance no
    /// longer running is reused when a new one needs room.</summary>
    public const int Regions = 64;

    /// <summary>Bytes of the header.</summary>
    public const int HeaderSize = 64;

    /// <summary>The file's fixed size.</summary>
    public const long FileSize = HeaderSize + (long)Regions * SlotsPerInstance * FlightRecord.Size;

    /// <summary>Format version in the header.</summary>
    public const uint FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "APPLFREC"u8;

    private readonly RecordFile _file;
    private readonly Func<long> _unixMilliseconds;
    private readonly string?[] _owner = new string?[Regions];
    private readonly ulong[] _last = new ulong[Regions];
    private readonly long[] _newestAt = new long[Regions];
    private readonly bool[] _claimed = new bool[Regions];
    private readonly Dictionary<string, int> _regionOf = new(StringComparer.Ordinal);
    private readonly byte[] _buffer = new byte[FlightRecord.Size];

    private FlightRecorder(RecordFile file, Func<long> unixMilliseconds)
    {
        _file = file;
        _unixMilliseconds = unixMilliseconds;
    }

    /// <summary>The file's path.</summary>
    public string Path => _file.Path;

    /// <summary>Records written.</summary>
    public long Written { get; private set; }

    /// <summary>Writes that failed (counted, never thrown: the recorder must not stop the daemon).</summary>
    public long WriteErrors { get; private set; }

    /// <summary>Records not kept because every ring belongs to a running instance.</summary>
    public long Unrecorded { get; private set; }

    /// <summary>Opens or creates the recorder at <paramref name="path"/>; a file that is not a
    /// recorder of this format is started afresh. <paramref name="unixMilliseconds"/> is the wall
    /// clock (tests pass their own).</summary>
    /// <exception cref="Platform.Linux.Interop.PlatformException">The file cannot be opened (e.g. a symlink).</exception>
    public static FlightRecorder Open(string path, Func<long>? unixMilliseconds = null)
    {
        var file = RecordFile.OpenWrite(path, FileSize);
        var r = new FlightRecorder(file, unixMilliseconds ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        try
        {
            r.Load();
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return r;
    }

    /// <summary>Checks a header.</summary>
    public static bool HeaderValid(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderSize && header[..8].SequenceEqual(Magic)
        && BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) == FormatVersion
        && BinaryPrimitives.ReadUInt32LittleEndian(header[12..]) == FlightRecord.Size
        && BinaryPrimitives.ReadUInt32LittleEndian(header[16..]) == SlotsPerInstance
        && BinaryPrimitives.ReadUInt32LittleEndian(header[20..]) == Regions;

    /// <summary>Offset of a slot in the file.</summary>
    public static long OffsetOf(int region, int slot) => HeaderSize + ((long)region * SlotsPerInstance + slot) * FlightRecord.Size;

    /// <summary>Gives <paramref name="instance"/> its ring (the one it had before a restart, or a
    /// free one), so its first record does not allocate. Returns false when every ring belongs to
    /// a running instance.</summary>
    public bool Claim(string instance) => RegionFor(instance) >= 0;

    /// <summary>Stamps <paramref name="record"/> with its sequence and the wall-clock time and
    /// writes it into its instance's ring. Allocates nothing once the instance has a ring.</summary>
    public void Record(ref FlightRecord record)
    {
        int region = RegionFor(record.Instance);
        if (region < 0)
        {
            Unrecorded++;
            return;
        }
        record.Sequence = ++_last[region];
        record.UnixMilliseconds = _unixMilliseconds();
        _newestAt[region] = record.UnixMilliseconds;
        record.Encode(_buffer);
        int slot = (int)((record.Sequence - 1) % SlotsPerInstance);
        if (_file.WriteAt(OffsetOf(region, slot), _buffer).Value != 0) WriteErrors++;
        else Written++;
    }

    private int RegionFor(string instance)
    {
        if (_regionOf.TryGetValue(instance, out int region)) return region;
        return ClaimNew(instance);
    }

    // A ring this instance had before (same name), else an empty one, else the least recently
    // active one that no running instance claimed: an instance removed from the configuration.
    private int ClaimNew(string instance)
    {
        Span<byte> probe = stackalloc byte[FlightRecord.Size];
        int found = -1;
        for (int r = 0; r < Regions && found < 0; r++)
        {
            if (_claimed[r] || _owner[r] is null) continue;
            int slot = (int)((_last[r] - 1) % SlotsPerInstance);
            _file.ReadAt(OffsetOf(r, slot), probe);
            if (FlightRecord.NameMatches(probe, instance)) found = r;
        }
        for (int r = 0; r < Regions && found < 0; r++)
            if (_owner[r] is null && !_claimed[r]) found = r;
        if (found < 0)
        {
            for (int r = 0; r < Regions; r++)
                if (!_claimed[r] && (found < 0 || _newestAt[r] < _newestAt[found])) found = r;
            if (found < 0) return -1;
            Wipe(found);
        }
        _claimed[found] = true;
        _owner[found] = instance;
        _regionOf[instance] = found;
        return found;
    }

    private void Wipe(int region)
    {
        var zeros = new byte[SlotsPerInstance * FlightRecord.Size];
        if (_file.WriteAt(OffsetOf(region, 0), zeros).Value != 0) WriteErrors++;
        _last[region] = 0;
        _newestAt[region] = 0;
    }

    private void Load()
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        _file.ReadAt(0, header);
        if (!HeaderValid(header))
        {
            // New, or not ours: start afresh, every ring empty. A new file is already zero (a hole
            // ftruncate left), and stays sparse: on a tmpfs only the pages records touch use memory.
            var body = new byte[FileSize - HeaderSize];
            _file.ReadAt(HeaderSize, body);
            if (body.AsSpan().IndexOfAnyExcept((byte)0) >= 0)
            {
                Array.Clear(body);
                _file.WriteAt(HeaderSize, body);
            }
            header.Clear();
            Magic.CopyTo(header);
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], FormatVersion);
            BinaryPrimitives.WriteUInt32LittleEndian(header[12..], FlightRecord.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SlotsPerInstance);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], Regions);
            var e = _file.WriteAt(0, header);
            if (e.Value != 0) throw new Platform.Linux.Interop.PlatformException($"write {_file.Path}", e);
            return;
        }
        var ring = new byte[SlotsPerInstance * FlightRecord.Size];
        for (int r = 0; r < Regions; r++)
        {
            _file.ReadAt(OffsetOf(r, 0), ring);
            for (int s = 0; s < SlotsPerInstance; s++)
            {
                if (!FlightRecord.TryDecode(ring.AsSpan(s * FlightRecord.Size, FlightRecord.Size), out var rec)) continue;
                if ((int)((rec.Sequence - 1) % SlotsPerInstance) != s || rec.Sequence <= _last[r]) continue;
                _last[r] = rec.Sequence;
                _newestAt[r] = rec.UnixMilliseconds;
                _owner[r] = rec.Instance;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
