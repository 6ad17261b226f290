using Appliance.Vrrp.Events;

namespace Appliance.Notify;

/// <summary>
/// A bounded queue of events and the one background thread that works through it. The loop
/// thread only copies the event into a preallocated ring (no allocation, no waiting); a slow
/// consumer (a hung script, an SMTP server that never answers) delays only its own queue, and a
/// full queue drops the newest event and counts it.
/// </summary>
internal sealed class EventWorker : IDisposable
{
    private readonly ApplianceEvent[] _ring;
    private readonly Action<ApplianceEvent> _handle;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private int _head;
    private int _count;
    private bool _busy;
    private bool _stopping;

    public EventWorker(string name, int capacity, Action<ApplianceEvent> handle)
    {
        _ring = new ApplianceEvent[capacity];
        _handle = handle;
        _thread = new Thread(Work) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Events dropped because the queue was full.</summary>
    public long Overflows { get; private set; }

    /// <summary>Events handled so far.</summary>
    public long Handled { get; private set; }

    public void Enqueue(in ApplianceEvent e)
    {
        lock (_gate)
        {
            if (_count == _ring.Length)
            {
                Overflows++;
                return;
            }
            _ring[(_head + _count) % _ring.Length] = e;
            _count++;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Waits until the queue is empty and idle, up to <paramref name="timeout"/>; true when drained.</summary>
    public bool Drain(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_count > 0 || _busy)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return false;
                Monitor.Wait(_gate, left);
            }
        }
        return true;
    }

    private void Work()
    {
        while (true)
        {
            ApplianceEvent e;
            lock (_gate)
            {
                _busy = false;
                Monitor.PulseAll(_gate);
                while (_count == 0 && !_stopping) Monitor.Wait(_gate);
                if (_count == 0) return;
                e = _ring[_head];
                _head = (_head + 1) % _ring.Length;
                _count--;
                _busy = true;
            }
            _handle(e);
            Handled++;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
