using Appliance.Platform.Linux.Files;

namespace Appliance.Host.Recorder;

/// <summary>Reads a flight recorder file without the daemon (it may be gone): every intact record,
/// newest first. Torn or foreign slots are skipped and counted.</summary>
public static class FlightRecorderReader
{
    /// <summary>What a read found.</summary>
    /// <param name="Records">Intact records, newest first (by time, then by sequence).</param>
    /// <param name="Skipped">Slots that held bytes but failed their checksum or sat in the wrong slot.</param>
    public sealed record Result(List<FlightRecord> Records, int Skipped);

    /// <summary>Reads <paramref name="path"/>; null when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">The file is not a flight recorder of this format.</exception>
    public static Result? Read(string path)
    {
        using var file = RecordFile.OpenRead(path);
        if (file is null) return null;
        var header = new byte[FlightRecorder.HeaderSize];
        if (file.ReadAt(0, header) != header.Length || !FlightRecorder.HeaderValid(header))
            throw new InvalidDataException($"{path} is not an appliance flight recorder file (format {FlightRecorder.FormatVersion})");
        var records = new List<FlightRecord>();
        int skipped = 0;
        var ring = new byte[FlightRecorder.SlotsPerInstance * FlightRecord.Size];
        for (int r = 0; r < FlightRecorder.Regions; r++)
        {
            int n = file.ReadAt(FlightRecorder.OffsetOf(r, 0), ring);
            for (int s = 0; s + FlightRecord.Size <= n; s += FlightRecord.Size)
            {
                var slot = ring.AsSpan(s, FlightRecord.Size);
                if (FlightRecord.TryDecode(slot, out var rec)
                    && (int)((rec.Sequence - 1) % FlightRecorder.SlotsPerInstance) == s / FlightRecord.Size)
                    records.Add(rec);
                else if (slot.IndexOfAnyExcept((byte)0) >= 0)
                    skipped++;
            }
        }
        records.Sort((a, b) => a.UnixMilliseconds != b.UnixMilliseconds
            ? b.UnixMilliseconds.CompareTo(a.UnixMilliseconds)
            : b.Sequence.CompareTo(a.Sequence));
        return new Result(records, skipped);
    }
}
