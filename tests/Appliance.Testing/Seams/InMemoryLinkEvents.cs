using Appliance.Vrrp.Seams;

namespace Appliance.Testing.Seams;

/// <summary>Link events a test raises by hand: carrier lost, interface deleted, queue overflowed.</summary>
public sealed class InMemoryLinkEvents : ILinkEvents
{
    private readonly Queue<LinkEvent> _queue = new();

    /// <summary>No descriptor: the driver knows when it raised an event.</summary>
    public int PollFd => -1;

    /// <inheritdoc />
    public bool Overflowed { get; set; }

    /// <summary>Events waiting to be read.</summary>
    public int Pending => _queue.Count;

    /// <summary>Queues a state change of <paramref name="interfaceIndex"/>.</summary>
    public void Raise(int interfaceIndex, bool operational, bool deleted = false) =>
        _queue.Enqueue(new LinkEvent(interfaceIndex, operational && !deleted, deleted));

    /// <summary>The kernel dropped events: the reader must re-read every interface's state.</summary>
    public void Overflow()
    {
        _queue.Clear();
        Overflowed = true;
    }

    /// <inheritdoc />
    public bool TryRead(out LinkEvent e) => _queue.TryDequeue(out e);
}
