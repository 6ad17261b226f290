using Appliance.Heartbeat.Channels;

namespace Appliance.Testing.Seams;

/// <summary>
/// A heartbeat channel between two simulated nodes: two datagram transports, each delivering what
/// it sends straight into the other's queue. <see cref="Cut"/> drops frames on the way (the sender
/// does not notice, as with a pulled cable on a UDP link); <see cref="Restore"/> mends it.
/// </summary>
public sealed class HeartbeatCable
{
    /// <summary>A cable named <paramref name="name"/> (for messages).</summary>
    public HeartbeatCable(string name = "direct")
    {
        Name = name;
        A = new End(this, name + ":a");
        B = new End(this, name + ":b");
        A.Peer = B;
        B.Peer = A;
    }

    /// <summary>For test output.</summary>
    public string Name { get; }

    /// <summary>One end.</summary>
    public End A { get; }

    /// <summary>The other end.</summary>
    public End B { get; }

    /// <summary>True while frames are dropped on the way.</summary>
    public bool IsCut { get; private set; }

    /// <summary>Frames lost to a cut.</summary>
    public long Lost { get; private set; }

    /// <summary>Starts dropping frames.</summary>
    public void Cut() => IsCut = true;

    /// <summary>Stops dropping frames.</summary>
    public void Restore() => IsCut = false;

    /// <summary>One end of the cable, as a heartbeat transport.</summary>
    public sealed class End : IHeartbeatTransport
    {
        private readonly HeartbeatCable _cable;
        private readonly Queue<byte[]> _queue = new();

        internal End(HeartbeatCable cable, string name)
        {
            _cable = cable;
            Name = name;
        }

        internal End Peer { get; set; } = null!;

        /// <summary>For test output.</summary>
        public string Name { get; }

        /// <summary>Datagrams.</summary>
        public bool IsStream => false;

        /// <inheritdoc />
        public bool IsOpen { get; private set; }

        /// <summary>No descriptor: the driver checks <see cref="Pending"/>.</summary>
        public int PollFd => -1;

        /// <inheritdoc />
        public string? LastError => null;

        /// <summary>Frames waiting to be read.</summary>
        public int Pending => _queue.Count;

        /// <summary>Frames this end put on the cable.</summary>
        public long Sent { get; private set; }

        /// <inheritdoc />
        public bool TryOpen()
        {
            IsOpen = true;
            return true;
        }

        /// <inheritdoc />
        public int Receive(Span<byte> buffer)
        {
            if (!IsOpen || !_queue.TryDequeue(out var frame)) return 0;
            int n = Math.Min(frame.Length, buffer.Length);
            frame.AsSpan(0, n).CopyTo(buffer);
            return n;
        }

        /// <inheritdoc />
        public bool Send(ReadOnlySpan<byte> frame)
        {
            if (!IsOpen) return false;
            Sent++;
            if (_cable.IsCut || !Peer.IsOpen) _cable.Lost++;
            else Peer._queue.Enqueue(frame.ToArray());
            return true;
        }

        /// <summary>Closes this end (the node went away); what was queued is lost.</summary>
        public void Dispose()
        {
            IsOpen = false;
            _queue.Clear();
        }
    }
}
