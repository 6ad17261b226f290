namespace Appliance.Board;

/// <summary>
/// Something that resets the board unless petted in time: the Linux watchdog device, an external
/// chip fed on a GPIO line, or systemd's service watchdog. Used only from the loop thread;
/// <see cref="Pet"/> is on the hot path and must not allocate or throw.
/// </summary>
public interface IWatchdog : IDisposable
{
    /// <summary>What this watchdog is, for logs (e.g. <c>/dev/watchdog0 (softdog)</c>).</summary>
    string Description { get; }

    /// <summary>Arms the watchdog and asks for <paramref name="timeout"/>; returns the timeout
    /// actually in force (devices round, external chips have a fixed one).</summary>
    /// <exception cref="InvalidOperationException">Already started, or the watchdog refused (message says why).</exception>
    TimeSpan Start(TimeSpan timeout);

    /// <summary>Feeds the watchdog once. False when the feed failed (the caller counts it; the
    /// watchdog will then fire on its own, which is the point).</summary>
    bool Pet();

    /// <summary>Stops feeding. <paramref name="clean"/>: disarm where the hardware allows (the
    /// magic 'V' close). Not clean: leave it armed so the board resets, as after a crash.
    /// Disposing without a clean stop counts as a crash.</summary>
    void Stop(bool clean);
}
