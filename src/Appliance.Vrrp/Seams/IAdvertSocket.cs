namespace Appliance.Vrrp.Seams;

/// <summary>
/// The VRRP socket of one (interface, family): sends an encoded advert from a chosen source to the
/// group or a unicast peer with TTL / hop limit 255 (RFC 9568 §5.1.1.3, §5.1.2.3), and hands back
/// received datagrams with their addressing. Neither call blocks or allocates. On Linux a raw
/// IP protocol 112 socket; in tests an endpoint on a simulated segment.
/// </summary>
public interface IAdvertSocket : IDisposable
{
    /// <summary>Address family.</summary>
    IpFamily Family { get; }

    /// <summary>The interface the socket sends on and listens to.</summary>
    int InterfaceIndex { get; }

    /// <summary>The interface's name, for log prefixes.</summary>
    string InterfaceName { get; }

    /// <summary>The descriptor to poll for readability, or -1 when the socket has none (in memory).</summary>
    int PollFd { get; }

    /// <summary>Sends one encoded VRRP message (without an IP header) from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    IoError Send(ReadOnlySpan<byte> message, IpAddr source, IpAddr destination);

    /// <summary>As <see cref="Send(ReadOnlySpan{byte}, IpAddr, IpAddr)"/> with another TTL / hop limit
    /// than 255 (keepalived's <c>unicast_ttl</c>, for unicast peers only). A socket that cannot set it
    /// per packet sends with its own.</summary>
    IoError Send(ReadOnlySpan<byte> message, IpAddr source, IpAddr destination, byte hopLimit) => Send(message, source, destination);

    /// <summary>
    /// Copies the next queued datagram into <paramref name="buffer"/> (truncated to its length) without
    /// blocking. False when nothing is queued, with <paramref name="error"/> set only when the read failed.
    /// </summary>
    bool TryReceive(Span<byte> buffer, out AdvertDatagram datagram, out IoError error);
}
