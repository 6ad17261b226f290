namespace Appliance.Vrrp.Wire;

/// <summary>
/// What the IP layer said about a received advert: the parts of the IP header the VRRP receive
/// checks need (RFC 9568 §7.1). For IPv6 the host fills it from the socket's ancillary data
/// (IPV6_PKTINFO, IPV6_HOPLIMIT); for IPv4 <see cref="VrrpCodec.DecodeIPv4"/> reads it from the header.
/// </summary>
public readonly struct PacketInfo
{
    /// <summary>Creates the description of one received packet.</summary>
    public PacketInfo(IpFamily family, IpAddr source, IpAddr destination, byte ttl, bool checkTtl)
    {
        Family = family;
        Source = source;
        Destination = destination;
        Ttl = ttl;
        CheckTtl = checkTtl;
    }

    /// <summary>Family of the IP packet, which is also the family of the advert's addresses.</summary>
    public IpFamily Family { get; }

    /// <summary>IP source address: the sender's primary address (IPv4) or link-local address (IPv6).</summary>
    public IpAddr Source { get; }

    /// <summary>IP destination: 224.0.0.18 / ff02::12, or our address for unicast peers.</summary>
    public IpAddr Destination { get; }

    /// <summary>IPv4 TTL or IPv6 hop limit as received.</summary>
    public byte Ttl { get; }

    /// <summary>Whether the TTL must be 255. False for unicast peers, as keepalived does, so peers
    /// across a routed hop still talk; true for multicast (RFC 9568 §7.1).</summary>
    public bool CheckTtl { get; }
}
