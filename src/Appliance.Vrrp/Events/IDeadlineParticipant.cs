namespace Appliance.Vrrp.Events;

/// <summary>
/// Something that needs the loop's attention at a time of its choosing (LED blinking, watchdog
/// petting, GARP refresh). The one loop thread sleeps until the earliest deadline of all
/// participants; nobody runs a timer thread of its own.
/// </summary>
public interface IDeadlineParticipant
{
    /// <summary>When to be called next; <see cref="MonoTime.Never"/> for "only on events".</summary>
    MonoTime NextDeadline { get; }

    /// <summary>Called on the loop thread once <paramref name="now"/> has reached <see cref="NextDeadline"/>.</summary>
    void OnDeadline(MonoTime now);
}
