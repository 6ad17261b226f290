namespace Appliance.Vrrp.Tracking;

/// <summary>
/// keepalived 2.2.7's arithmetic for one tracker (vrrp_track.c: initialise_*_tracking_priorities,
/// process_script_update_priority, update_track_file_status). Each tracker contributes a number
/// to the instance's total priority, or puts it in FAULT; the total is the base priority plus
/// every contribution, clamped by <see cref="InstanceTracking"/>.
/// </summary>
public static class TrackWeight
{
    /// <summary>The lowest status a file tracker can have: it means FAULT.</summary>
    public const int FileFault = -254;

    /// <summary>
    /// An up/down tracker's contribution. A positive weight is added while the tracker is up, a
    /// negative one while it is down; nothing otherwise. <c>reverse</c> negates the result (the
    /// multiplier -1 keepalived keeps per tracker). A pending tracker contributes nothing.
    /// </summary>
    public static int Contribution(int weight, bool reverse, TrackerStatus status)
    {
        int c = status switch
        {
            TrackerStatus.Up => Math.Max(weight, 0),
            TrackerStatus.Down => Math.Min(weight, 0),
            _ => 0,
        };
        return reverse ? -c : c;
    }

    /// <summary>
    /// Whether a weight-0 up/down tracker holds the instance in FAULT: while it is down, or with
    /// <c>reverse</c> while it is up; and while it is pending (keepalived keeps such an instance
    /// out of BACKUP and MASTER until the script's first verdict). A weighted tracker never faults.
    /// </summary>
    public static bool Faults(int weight, bool reverse, TrackerStatus status) =>
        weight == 0 && (status == TrackerStatus.Pending || (status == TrackerStatus.Up) == reverse);

    /// <summary>
    /// A file tracker's status (update_track_file_status): with weight 0 any non-zero value is
    /// FAULT and 0 adds nothing; otherwise value × weight (× -1 with reverse) clamped to
    /// -254..253, where -254 is FAULT.
    /// </summary>
    public static int FileStatus(long value, int weight, bool reverse)
    {
        if (weight == 0) return value != 0 ? FileFault : 0;
        long s = value * weight * (reverse ? -1 : 1);
        return (int)Math.Clamp(s, FileFault, 253);
    }

    /// <summary>The value keepalived reads from a tracked file (process_track_file): strtol with
    /// base 0 (decimal, 0x hex, 0 octal) over leading white space and an optional sign, 0 when
    /// nothing parses, clamped to -254..254.</summary>
    public static long ParseFileValue(ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (i < text.Length && text[i] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f') i++;
        bool negative = false;
        if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
        {
            negative = text[i] == (byte)'-';
            i++;
        }
        int radix = 10;
        if (i + 1 < text.Length && text[i] == (byte)'0' && (text[i + 1] | 0x20) == (byte)'x' && i + 2 < text.Length && Digit(text[i + 2], 16) >= 0)
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == (byte)'0')
        {
            radix = 8;
        }
        long v = 0;
        for (; i < text.Length; i++)
        {
            int d = Digit(text[i], radix);
            if (d < 0) break;
            v = v * radix + d;
            if (v > 1_000_000) v = 1_000_000; // far beyond the clamp; keeps the sum from overflowing
        }
        if (negative) v = -v;
        return Math.Clamp(v, -254, 254);
    }

    private static int Digit(byte c, int radix)
    {
        int d = c switch
        {
            >= (byte)'0' and <= (byte)'9' => c - '0',
            >= (byte)'a' and <= (byte)'z' => c - 'a' + 10,
            >= (byte)'A' and <= (byte)'Z' => c - 'A' + 10,
            _ => -1,
        };
        return d < radix ? d : -1;
    }
}
