using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Heartbeat.Channels;
using Appliance.Vrrp;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.HeartbeatLink;

/// <summary>
/// The dedicated-NIC heartbeat: our frames as UDP datagrams between two fixed addresses on a direct
/// link. The socket is bound to the device (SO_BINDTODEVICE) so a frame can never leave, or be
/// accepted, through the LAN whose failure this channel exists to survive, even when routes would
/// say otherwise. Datagrams from any source but the configured peer are refused and counted.
/// Sending and receiving use preallocated socket addresses: no allocation per frame.
/// </summary>
public sealed class HeartbeatLinkSocket : IHeartbeatTransport
{
    private readonly SocketAddress _peerAddress;
    private readonly SocketAddress _from;
    private readonly int _addressOffset;
    private readonly byte[] _peerBytes;
    private Socket? _socket;

    /// <summary>Describes the channel; nothing is opened until <see cref="TryOpen"/>.</summary>
    public HeartbeatLinkSocket(string interfaceName, IpAddr local, IpAddr peer, ushort port)
    {
        if (local.Family != peer.Family) throw new ArgumentException("local and peer addresses must be of one family", nameof(peer));
        InterfaceName = interfaceName;
        Local = local;
        Peer = peer;
        Port = port;
        _peerAddress = new IPEndPoint(peer.ToIPAddress(), port).Serialize();
        _from = new SocketAddress(peer.Family == IpFamily.IPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6);
        // sockaddr_in keeps the address at offset 4, sockaddr_in6 at 8 (after flowinfo).
        _addressOffset = peer.Family == IpFamily.IPv4 ? 4 : 8;
        _peerBytes = new byte[peer.Size];
        peer.WriteTo(_peerBytes);
    }

    /// <summary>The direct-link interface.</summary>
    public string InterfaceName { get; }

    /// <summary>Our address on it.</summary>
    public IpAddr Local { get; }

    /// <summary>The peer's address on it.</summary>
    public IpAddr Peer { get; }

    /// <summary>The UDP port both ends use.</summary>
    public ushort Port { get; }

    /// <summary>Datagrams refused because they came from another address than the peer's.</summary>
    public long ForeignDatagrams { get; private set; }

    /// <inheritdoc />
    public bool IsStream => false;

    /// <inheritdoc />
    public bool IsOpen => _socket is not null;

    /// <inheritdoc />
    public int PollFd => _socket is null ? -1 : (int)_socket.Handle;

    /// <inheritdoc />
    public string? LastError { get; private set; }

    /// <inheritdoc />
    public bool TryOpen()
    {
        Close();
        var family = Local.Family == IpFamily.IPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        var s = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            s.Blocking = false;
            byte[] ifname = new byte[Encoding.UTF8.GetByteCount(InterfaceName) + 1];
            Encoding.UTF8.GetBytes(InterfaceName, ifname);
            s.SetRawSocketOption(SOL_SOCKET, SO_BINDTODEVICE, ifname);
            s.Bind(new IPEndPoint(Local.ToIPAddress(), Port));
        }
        catch (SocketException e)
        {
            s.Dispose();
            LastError = $"{InterfaceName} {Local}:{Port}: {e.SocketErrorCode} ({e.Message})";
            return false;
        }
        _socket = s;
        LastError = null;
        return true;
    }

    /// <inheritdoc />
    public int Receive(Span<byte> buffer)
    {
        var s = _socket;
        if (s is null) return -1;
        while (s.Poll(0, SelectMode.SelectRead))
        {
            int n;
            try
            {
                n = s.ReceiveFrom(buffer, SocketFlags.None, _from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.Interrupted)
            {
                return 0;
            }
            catch (SocketException e)
            {
                // A pending ICMP error surfaces once on the next call; the socket itself is fine.
                LastError = $"{InterfaceName}: receive: {e.SocketErrorCode}";
                continue;
            }
            if (_from.Buffer.Span.Slice(_addressOffset, _peerBytes.Length).SequenceEqual(_peerBytes)) return n;
            ForeignDatagrams++;
        }
        return 0;
    }

    /// <inheritdoc />
    public bool Send(ReadOnlySpan<byte> frame)
    {
        var s = _socket;
        if (s is null) return false;
        try
        {
            return s.SendTo(frame, SocketFlags.None, _peerAddress) == frame.Length;
        }
        catch (SocketException e)
        {
            // The link may be down or the neighbour unresolved: this frame is lost, the channel stays open.
            LastError = $"{InterfaceName}: send to {Peer}: {e.SocketErrorCode}";
            return false;
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    /// <inheritdoc />
    public void Dispose() => Close();
}
