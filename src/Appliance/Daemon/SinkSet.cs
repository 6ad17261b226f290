using Appliance.Vrrp.Events;

namespace Appliance.Daemon;

/// <summary>
/// The one event sink every instance host and the heartbeat service publish to. Its members can be
/// swapped by a reload (a new notify dispatcher for new scripts, FIFO or mail settings) without
/// touching the hosts that hold it: every consumer sees the new configuration at once.
/// </summary>
internal sealed class SinkSet : IEventSink
{
    private readonly IEventSink[] _fixed;
    private IEventSink[] _all;

    /// <param name="fixedSinks">Sinks that live as long as the process (the LED log line, the board).</param>
    /// <param name="notify">The notify dispatcher, or null when nothing is to be notified.</param>
    public SinkSet(IEventSink[] fixedSinks, IEventSink? notify)
    {
        _fixed = fixedSinks;
        Notify = notify;
        _all = notify is null ? fixedSinks : [.. fixedSinks, notify];
    }

    /// <summary>The current notify dispatcher (scripts, FIFO, mail), or null.</summary>
    public IEventSink? Notify { get; private set; }

    /// <summary>Swaps the notify dispatcher; returns the previous one for the caller to retire.</summary>
    public IEventSink? ReplaceNotify(IEventSink? notify)
    {
        var old = Notify;
        Notify = notify;
        _all = notify is null ? _fixed : [.. _fixed, notify];
        return old;
    }

    public void Publish(in ApplianceEvent e)
    {
        foreach (var s in _all) s.Publish(e);
    }

    /// <summary>Disposes every sink that is disposable (shutdown).</summary>
    public void DisposeAll()
    {
        foreach (var s in _all) (s as IDisposable)?.Dispose();
    }
}
