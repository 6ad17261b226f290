namespace Appliance.Vrrp.Timing;

/// <summary>
/// The RFC timer formulas, with the RFC's names. Inputs are centiseconds (the unit on the wire);
/// results are <see cref="Duration"/>s in nanoseconds so they can be added to a <see cref="MonoTime"/>.
/// </summary>
/// <remarks>
/// Rounding: every result is computed in integer nanoseconds and truncated toward zero. v2 values
/// are exact ((256 − P) × 10⁹ / 256 = (256 − P) × 3,906,250). v3 values lose at most half a
/// nanosecond: (256 − P) × interval × 10⁷ is always a multiple of 128, so the remainder after
/// dividing by 256 is 0 or 128. One priority step changes Skew_Time by at least 39,062 ns
/// (10 ms / 256), so truncation never makes two different priorities fire at the same time.
/// There is no floating point, so repeated arithmetic cannot drift.
/// </remarks>
public static class VrrpTimers
{
    /// <summary>The factor in Master_Down_Interval that the RFCs fix at 3 (keepalived's
    /// <c>down_timer_adverts</c> default).</summary>
    public const int RfcDownTimerAdverts = 3;

    private const long NanosecondsPerSecond = 1_000_000_000L;

    /// <summary>
    /// VRRPv2 Skew_Time = (256 − Priority) / 256 seconds (RFC 3768 §6.1). It does not depend on
    /// the advertisement interval.
    /// </summary>
    public static Duration SkewTimeV2(byte priority) =>
        new((256 - priority) * NanosecondsPerSecond / 256);

    /// <summary>
    /// VRRPv3 Skew_Time = ((256 − Priority) × Master_Adver_Interval) / 256 centiseconds
    /// (RFC 9568 §6.1, where it is called Active_Adver_Interval), computed in nanoseconds.
    /// </summary>
    public static Duration SkewTimeV3(byte priority, Centiseconds masterAdverInterval) =>
        new((256 - priority) * masterAdverInterval.Nanoseconds / 256);

    /// <summary>Skew_Time for <paramref name="version"/>; v2 ignores the interval.</summary>
    public static Duration SkewTime(VrrpVersion version, byte priority, Centiseconds masterAdverInterval) =>
        version == VrrpVersion.V2 ? SkewTimeV2(priority) : SkewTimeV3(priority, masterAdverInterval);

    /// <summary>
    /// Master_Down_Interval = DownTimerAdverts × Master_Adver_Interval + Skew_Time
    /// (RFC 3768 §6.1 and RFC 9568 §6.1 with DownTimerAdverts = 3; v2's Master_Adver_Interval is
    /// the configured Advertisement_Interval).
    /// </summary>
    public static Duration MasterDownInterval(VrrpVersion version, byte priority, Centiseconds masterAdverInterval,
        int downTimerAdverts = RfcDownTimerAdverts) =>
        downTimerAdverts * Duration.From(masterAdverInterval) + SkewTime(version, priority, masterAdverInterval);
}
