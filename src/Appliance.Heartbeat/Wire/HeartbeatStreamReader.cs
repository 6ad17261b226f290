namespace Appliance.Heartbeat.Wire;

/// <summary>
/// Cuts a byte stream (a serial line) into frames. It resynchronises on the start marker after
/// noise, rejects a chance marker by the header check, and after a failed frame rescans from the
/// byte after its marker, so a real frame hidden behind a truncated one is still found. One
/// preallocated buffer of two maximum frames; nothing is allocated per byte or per frame.
/// </summary>
public sealed class HeartbeatStreamReader
{
    private readonly byte[] _buffer = new byte[2 * HeartbeatWire.MaxFrameSize];
    private readonly byte[] _key;
    private int _start;
    private int _end;
    private bool _quietNoise;

    /// <summary>Creates a reader that checks HMACs with <paramref name="key"/> (empty: none expected).</summary>
    public HeartbeatStreamReader(ReadOnlySpan<byte> key, HeartbeatDropCounters? drops = null)
    {
        _key = key.ToArray();
        Drops = drops ?? new HeartbeatDropCounters();
    }

    /// <summary>Drops by reason.</summary>
    public HeartbeatDropCounters Drops { get; }

    /// <summary>Bytes held that do not form a frame yet.</summary>
    public int Pending => _end - _start;

    /// <summary>Forgets buffered bytes (after the line was reopened).</summary>
    public void Reset()
    {
        if (_end > _start) Drops.Count(HeartbeatDropReason.Truncated);
        _start = _end = 0;
        _quietNoise = false;
    }

    /// <summary>
    /// Copies as many of <paramref name="bytes"/> as fit and returns how many; call <see cref="TryRead"/>
    /// until it returns false, then append the rest. Frames returned earlier become invalid.
    /// </summary>
    public int Append(ReadOnlySpan<byte> bytes)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        int n = Math.Min(bytes.Length, _buffer.Length - _end);
        bytes[..n].CopyTo(_buffer.AsSpan(_end));
        _end += n;
        return n;
    }

    /// <summary>The next complete valid frame, viewing the reader's buffer until the next <see cref="Append"/>.</summary>
    public bool TryRead(out HeartbeatFrame frame)
    {
        frame = default;
        ReadOnlySpan<byte> marker = [HeartbeatWire.Marker0, HeartbeatWire.Marker1];
        while (_end > _start)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            int at = span.IndexOf(marker);
            if (at < 0)
            {
                // Keep a trailing first marker byte: its partner may be in the next read.
                int skip = span[^1] == HeartbeatWire.Marker0 ? span.Length - 1 : span.Length;
                Skip(skip);
                return false;
            }
            if (at > 0)
            {
                Skip(at);
                span = span[at..];
            }

            var r = HeartbeatCodec.CheckPrefix(span, out int length);
            if (r == HeartbeatDropReason.Truncated) return false;
            if (r != HeartbeatDropReason.None)
            {
                Fail(r);
                continue;
            }
            if (span.Length < length)
            {
                // A frame cut short by a reopen or a lost byte would hold us until `length` bytes pass;
                // a complete next prefix inside the wait proves the frame was truncated.
                if (HasPrefixWithin(span, length)) { Fail(HeartbeatDropReason.Truncated); continue; }
                return false;
            }
            r = HeartbeatCodec.TryDecode(span[..length], _key, out frame);
            if (r == HeartbeatDropReason.None)
            {
                _start += length;
                _quietNoise = false;
                return true;
            }
            if (r == HeartbeatDropReason.BadCrc && HasPrefixWithin(span, length)) r = HeartbeatDropReason.Truncated;
            Fail(r);
        }
        return false;
    }

    private void Skip(int count)
    {
        if (count <= 0) return;
        if (!_quietNoise) Drops.Count(HeartbeatDropReason.Noise);
        _quietNoise = true;
        _start += count;
    }

    // The bytes after a failed frame's marker are the rest of the failed frame, not fresh noise.
    private void Fail(HeartbeatDropReason reason)
    {
        Drops.Count(reason);
        _start += 1;
        _quietNoise = true;
    }

    private static bool HasPrefixWithin(ReadOnlySpan<byte> span, int length)
    {
        ReadOnlySpan<byte> marker = [HeartbeatWire.Marker0, HeartbeatWire.Marker1];
        int limit = Math.Min(span.Length, length);
        int from = 1;
        while (from < limit)
        {
            int at = span[from..limit].IndexOf(marker);
            if (at < 0) return false;
            at += from;
            if (HeartbeatCodec.CheckPrefix(span[at..], out _) == HeartbeatDropReason.None) return true;
            from = at + 1;
        }
        return false;
    }
}
