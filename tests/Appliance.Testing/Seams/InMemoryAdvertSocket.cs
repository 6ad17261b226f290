using Appliance.Vrrp;
using Appliance.Vrrp.Seams;

namespace Appliance.Testing.Seams;

/// <summary>
/// One member of an <see cref="AdvertSegment"/>, standing in for the raw VRRP socket of one
/// (interface, family). Sends go through the segment; received datagrams queue here until read.
/// </summary>
public sealed class InMemoryAdvertSocket : IAdvertSocket
{
    private const int EBADF = 9;
    private readonly AdvertSegment _segment;
    private readonly Queue<Datagram> _queue = new();

    internal readonly record struct Datagram(byte[] Data, IpAddr Source, IpAddr Destination, byte Hops);

    internal InMemoryAdvertSocket(AdvertSegment segment, int member, IpFamily family, IpAddr address, int interfaceIndex, string interfaceName)
    {
        _segment = segment;
        Member = member;
        Family = family;
        Address = address;
        InterfaceIndex = interfaceIndex;
        InterfaceName = interfaceName;
    }

    /// <summary>Position on the segment (for loss and partition settings).</summary>
    public int Member { get; }

    /// <summary>Our own unicast address: unicast adverts to it arrive here.</summary>
    public IpAddr Address { get; }

    /// <inheritdoc />
    public IpFamily Family { get; }

    /// <inheritdoc />
    public int InterfaceIndex { get; }

    /// <inheritdoc />
    public string InterfaceName { get; }

    /// <summary>No descriptor: the driver knows when a datagram arrived.</summary>
    public int PollFd => -1;

    /// <summary>The TTL / hop limit put on sent adverts (the Linux socket sets 255).</summary>
    public byte SendHopLimit { get; set; } = 255;

    /// <summary>When nonzero, every send fails with this errno (a cable pulled, ENETUNREACH...).</summary>
    public int FailSendsWith { get; set; }

    /// <summary>Adverts this socket sent successfully.</summary>
    public long Sent { get; private set; }

    /// <summary>Datagrams waiting to be read.</summary>
    public int Pending => _queue.Count;

    /// <summary>True after <see cref="Dispose"/>: nothing more is sent or received.</summary>
    public bool IsClosed { get; private set; }

    /// <inheritdoc />
    public IoError Send(ReadOnlySpan<byte> message, IpAddr source, IpAddr destination)
    {
        if (IsClosed) return new IoError(EBADF);
        if (FailSendsWith != 0) return new IoError(FailSendsWith);
        Sent++;
        _segment.Transmit(this, message, source, destination, SendHopLimit);
        return IoError.None;
    }

    /// <inheritdoc />
    public bool TryReceive(Span<byte> buffer, out AdvertDatagram datagram, out IoError error)
    {
        datagram = default;
        error = IsClosed ? new IoError(EBADF) : IoError.None;
        if (IsClosed || !_queue.TryDequeue(out var d)) return false;
        int n = Math.Min(d.Data.Length, buffer.Length);
        d.Data.AsSpan(0, n).CopyTo(buffer);
        datagram = new AdvertDatagram(n, Family, d.Source, d.Destination, d.Hops, InterfaceIndex);
        return true;
    }

    /// <summary>Drops whatever is queued (a crashed process loses its socket buffer).</summary>
    public void Flush() => _queue.Clear();

    internal void Enqueue(in Datagram d) => _queue.Enqueue(d);

    /// <inheritdoc />
    public void Dispose()
    {
        IsClosed = true;
        _queue.Clear();
    }
}
