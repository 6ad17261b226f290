using System.Net;
using System.Net.Sockets;

namespace Appliance.Testing.Qemu;

/// <summary>
/// The virtual LAN between two guests: each guest's <c>-netdev dgram</c> sends its Ethernet frames
/// to one of the relay's loopback ports, and the relay forwards them to the other guest. Cutting
/// the relay drops frames both ways while both guests keep their carrier, which is what a broken
/// switch does (QEMU's <c>set_link off</c> instead takes the carrier away, so the guest sees its
/// own interface go down: a different fault, an interface failure).
/// </summary>
public sealed class LanRelay : IDisposable
{
    private readonly Socket _a;
    private readonly Socket _b;
    private readonly Thread _ab;
    private readonly Thread _ba;
    private volatile bool _cut;
    private volatile bool _disposed;

    /// <summary>Binds two loopback ports; guest A sends to <see cref="PortA"/> from <paramref name="guestPortA"/>, B likewise.</summary>
    public LanRelay(int guestPortA, int guestPortB)
    {
        _a = Bind();
        _b = Bind();
        var toA = new IPEndPoint(IPAddress.Loopback, guestPortA);
        var toB = new IPEndPoint(IPAddress.Loopback, guestPortB);
        _ab = new Thread(() => Forward(_a, _b, toB)) { IsBackground = true, Name = "lan-relay-ab" };
        _ba = new Thread(() => Forward(_b, _a, toA)) { IsBackground = true, Name = "lan-relay-ba" };
        _ab.Start();
        _ba.Start();
    }

    /// <summary>The port guest A sends to.</summary>
    public int PortA => ((IPEndPoint)_a.LocalEndPoint!).Port;

    /// <summary>The port guest B sends to.</summary>
    public int PortB => ((IPEndPoint)_b.LocalEndPoint!).Port;

    /// <summary>Frames forwarded and dropped while cut.</summary>
    public long Forwarded, Dropped;

    /// <summary>Cuts (true) or heals (false) the LAN.</summary>
    public bool Cut
    {
        get => _cut;
        set => _cut = value;
    }

    /// <summary>A free UDP port on 127.0.0.1 for a guest's own end.</summary>
    public static int FreeUdpPort()
    {
        using var s = Bind();
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    private static Socket Bind()
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return s;
    }

    private void Forward(Socket from, Socket via, IPEndPoint to)
    {
        var buf = new byte[65536];
        while (!_disposed)
        {
            int n;
            try
            {
                n = from.Receive(buf);
            }
            catch (SocketException)
            {
                if (_disposed) return;
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            if (_cut)
            {
                Interlocked.Increment(ref Dropped);
                continue;
            }
            try
            {
                via.SendTo(buf.AsSpan(0, n), SocketFlags.None, to);
                Interlocked.Increment(ref Forwarded);
            }
            catch (SocketException)
            {
                // The guest is not listening yet (or reset): a frame lost on the wire.
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _a.Dispose();
        _b.Dispose();
    }
}
