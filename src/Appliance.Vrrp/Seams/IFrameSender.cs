namespace Appliance.Vrrp.Seams;

/// <summary>
/// Sends whole Ethernet frames (gratuitous ARP, unsolicited neighbour advertisements built by the
/// codec) out of one interface. Does not block or allocate. Linux: an AF_PACKET socket.
/// </summary>
public interface IFrameSender
{
    /// <summary>Sends <paramref name="frame"/> (Ethernet header included) out of <paramref name="interfaceIndex"/>.</summary>
    IoError Send(int interfaceIndex, ReadOnlySpan<byte> frame);
}
