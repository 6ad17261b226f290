namespace Appliance.Vrrp.Seams;

/// <summary>
/// What an <see cref="IAdvertSocket"/> knows about one received datagram besides its bytes.
/// The bytes themselves are in the caller's buffer: for IPv4 the whole IP packet (header included,
/// as a raw socket delivers it), for IPv6 the VRRP message alone.
/// </summary>
/// <param name="Length">Bytes written into the caller's buffer.</param>
/// <param name="Family">Address family of the socket.</param>
/// <param name="Source">IP source address.</param>
/// <param name="Destination">IP destination: the group, or our own address for a unicast peer's advert.</param>
/// <param name="HopLimit">IPv4 TTL (also in the header) or IPv6 hop limit, as received.</param>
/// <param name="InterfaceIndex">The interface the datagram arrived on.</param>
public readonly record struct AdvertDatagram(int Length, IpFamily Family, IpAddr Source, IpAddr Destination, byte HopLimit, int InterfaceIndex)
{
    /// <summary>True when sent to one of our unicast addresses rather than to a multicast group.</summary>
    public bool IsUnicast => !Destination.IsMulticast;
}
