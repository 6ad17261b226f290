namespace Appliance.Heartbeat.Wire;

/// <summary>
/// Why heartbeat bytes or a frame were discarded. The codec checks in the order listed; the
/// arbiter adds the semantic reasons at the end. Every reason has a counter.
/// </summary>
public enum HeartbeatDropReason : byte
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>Bytes before a start marker were skipped (line noise, a partial frame after a reopen).</summary>
    Noise,

    /// <summary>Fewer bytes than the header, or than the length field announces (a cut frame).</summary>
    Truncated,

    /// <summary>The first two bytes are not the start marker.</summary>
    BadMarker,

    /// <summary>The header check does not match: a marker that appeared by chance in noise.</summary>
    BadHeaderCheck,

    /// <summary>A version this codec does not speak.</summary>
    BadVersion,

    /// <summary>The length field is out of range or disagrees with the entries it should hold.</summary>
    BadLength,

    /// <summary>The CRC-32C does not match.</summary>
    BadCrc,

    /// <summary>We have a key but the frame carries no HMAC.</summary>
    MissingHmac,

    /// <summary>The frame carries an HMAC but we have no key (the two ends are configured differently).</summary>
    UnexpectedHmac,

    /// <summary>The HMAC does not match our key.</summary>
    BadHmac,

    /// <summary>Node id 0, more than 32 entries, an unknown family or state, or VRID 0.</summary>
    BadField,

    // --- semantics: checked by the arbiter ---

    /// <summary>The frame is our own (a looped-back line or a misconfigured node id).</summary>
    OwnFrame,

    /// <summary>A sequence number already seen in the sender's current epoch (a duplicate or replay).</summary>
    Stale,

    /// <summary>Every peer slot is taken by other nodes.</summary>
    TooManyPeers,

    /// <summary>A frame from a run of the peer we have not accepted (another epoch) that does not echo
    /// our current nonce: a recorded frame replayed, or a restarted peer that has not heard us yet
    /// (its frames count once they echo our nonce, within one of our frame intervals).</summary>
    Replay,
}
