using System.Net.Sockets;
using System.Text;

namespace Appliance.Platform.Linux.Board;

/// <summary>
/// systemd's notification protocol (sd_notify(3)): newline-separated <c>KEY=VALUE</c> datagrams to
/// the Unix datagram socket named by <c>NOTIFY_SOCKET</c>; a leading '@' names an abstract socket.
/// The socket is connected once, so each message is one send() with no allocation.
/// </summary>
public sealed class SdNotify : IDisposable
{
    private static readonly byte[] s_ready = "READY=1"u8.ToArray();
    private static readonly byte[] s_watchdog = "WATCHDOG=1"u8.ToArray();
    private static readonly byte[] s_stopping = "STOPPING=1"u8.ToArray();
    private static readonly byte[] s_reloading = "RELOADING=1"u8.ToArray();

    private readonly Socket _socket;

    /// <summary>Connects to <paramref name="address"/> (a path, or '@' for an abstract name).</summary>
    /// <exception cref="InvalidOperationException">The address is unusable or nobody listens there.</exception>
    public SdNotify(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        if (address[0] is not ('/' or '@'))
            throw new InvalidOperationException($"NOTIFY_SOCKET '{address}' is neither an absolute path nor an @abstract name");
        Address = address;
        // Linux abstract names start with a NUL byte where systemd's notation has '@'.
        string path = address[0] == '@' ? "\0" + address[1..] : address;
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            _socket.Connect(new UnixDomainSocketEndPoint(path));
            // A systemd that stops reading must not stall the HA loop: a full queue is a failed
            // send (EAGAIN), which the watchdog supervisor counts, never a blocked thread.
            _socket.Blocking = false;
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new InvalidOperationException($"cannot reach NOTIFY_SOCKET {address}: {e.SocketErrorCode} ({e.Message})", e);
        }
    }

    /// <summary>Null when the service was not started with a notify socket.</summary>
    public static SdNotify? FromEnvironment(Func<string, string?> getenv)
    {
        ArgumentNullException.ThrowIfNull(getenv);
        string? address = getenv("NOTIFY_SOCKET");
        return string.IsNullOrEmpty(address) ? null : new SdNotify(address);
    }

    /// <summary>The socket address as given.</summary>
    public string Address { get; }

    /// <summary>Start-up finished (Type=notify units wait for this).</summary>
    public bool Ready() => Send(s_ready);

    /// <summary>Feeds the service watchdog (WatchdogSec=).</summary>
    public bool Watchdog() => Send(s_watchdog);

    /// <summary>The service is shutting down.</summary>
    public bool Stopping() => Send(s_stopping);

    /// <summary>A configuration reload started.</summary>
    public bool Reloading() => Send(s_reloading);

    /// <summary>A free-form status line (allocates; not for the hot path).</summary>
    public bool Status(string text) => Send(Encoding.UTF8.GetBytes("STATUS=" + text.ReplaceLineEndings(" ")));

    /// <summary>Sends one datagram; false when the kernel refused it (systemd gone).</summary>
    public bool Send(ReadOnlySpan<byte> message) =>
        _socket.Send(message, SocketFlags.None, out SocketError error) == message.Length && error == SocketError.Success;

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
