using Appliance.Vrrp;

namespace Appliance.Platform.Linux.Sockets;

/// <summary>
/// One packet read from a VRRP socket, viewing the socket's preallocated buffer until the next
/// read. IPv4 raw sockets deliver the IP header too (decode with the codec's DecodeIPv4);
/// IPv6 raw sockets deliver the VRRP message alone, with hop limit and destination from cmsgs.
/// </summary>
public readonly ref struct ReceivedAdvert
{
    /// <summary>Creates the view.</summary>
    public ReceivedAdvert(ReadOnlySpan<byte> data, IpFamily family, IpAddr source, IpAddr destination, byte hopLimit, int interfaceIndex)
    {
        Data = data;
        Family = family;
        Source = source;
        Destination = destination;
        HopLimit = hopLimit;
        InterfaceIndex = interfaceIndex;
    }

    /// <summary>IPv4: the whole IP packet. IPv6: the VRRP message.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Address family of the socket.</summary>
    public IpFamily Family { get; }

    /// <summary>IP source address.</summary>
    public IpAddr Source { get; }

    /// <summary>IP destination (from IP_PKTINFO / IPV6_PKTINFO): the group, or our address for unicast peers.</summary>
    public IpAddr Destination { get; }

    /// <summary>IPv6 hop limit from IPV6_HOPLIMIT; 0 for IPv4 (the TTL is in <see cref="Data"/>'s header).</summary>
    public byte HopLimit { get; }

    /// <summary>The interface the packet arrived on.</summary>
    public int InterfaceIndex { get; }

    /// <summary>True when sent to one of our unicast addresses rather than to a multicast group.</summary>
    public bool IsUnicast => !Destination.IsMulticast;
}
