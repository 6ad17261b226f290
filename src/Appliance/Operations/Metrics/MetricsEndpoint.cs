using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Appliance.Daemon.Loop;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Serilog;

namespace Appliance.Operations.Metrics;

/// <summary>
/// The Prometheus endpoint's listening socket as a loop source: non-blocking, one accept per
/// turn (poll is level-triggered, the rest come next turn), each connection a
/// <see cref="MetricsConnection"/> source of its own. No HTTP framework: GET /metrics over
/// HTTP/1.0 semantics (one request, then close) is all a scraper needs.
/// </summary>
internal sealed class MetricsEndpoint : ILoopSource, IDisposable
{
    /// <summary>Connections served at once; more are closed at accept (counted).</summary>
    public const int MaxConnections = 8;

    private readonly Socket _listener;
    private readonly EventLoop _loop;
    private readonly Func<MonoTime, string> _render;
    private readonly ILogger _log;
    private readonly List<MetricsConnection> _open = [];

    private MetricsEndpoint(Socket listener, EventLoop loop, Func<MonoTime, string> render, ILogger log)
    {
        _listener = listener;
        _loop = loop;
        _render = render;
        _log = log;
    }

    public string Name => "metrics " + LocalEndPoint;

    public EndPoint LocalEndPoint => _listener.LocalEndPoint!;

    public int PollFd => (int)_listener.Handle;

    public MonoTime NextDeadline => MonoTime.Never;

    public long Scrapes { get; internal set; }

    public long Refused { get; private set; }

    public long Dropped { get; internal set; }

    /// <summary>Parses ADDRESS:PORT (IPv6 in brackets) and listens there; throws
    /// <see cref="FormatException"/> or <see cref="SocketException"/> with the reason.</summary>
    public static MetricsEndpoint Listen(string listen, EventLoop loop, Func<MonoTime, string> render, ILogger log)
    {
        var ep = ParseListen(listen);
        var s = new Socket(ep.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        try
        {
            s.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            s.Bind(ep);
            s.Listen(MaxConnections);
        }
        catch
        {
            s.Dispose();
            throw;
        }
        return new MetricsEndpoint(s, loop, render, log);
    }

    public static IPEndPoint ParseListen(string listen)
    {
        int colon = listen.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(listen.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out ushort port))
            throw new FormatException($"metrics listen '{listen}' is not ADDRESS:PORT (e.g. 127.0.0.1:9650)");
        var host = listen[..colon].Trim('[', ']');
        if (host == "localhost") host = "127.0.0.1";
        if (!IPAddress.TryParse(host, out var address))
            throw new FormatException($"metrics listen '{listen}': '{host}' is not an IP address");
        return new IPEndPoint(address, port);
    }

    public void OnReadable(MonoTime now)
    {
        Socket client;
        try
        {
            client = _listener.Accept();
        }
        catch (SocketException)
        {
            return; // the peer gave up between poll and accept
        }
        client.Blocking = false;
        if (_open.Count >= MaxConnections)
        {
            Refused++;
            client.Dispose();
            return;
        }
        var c = new MetricsConnection(client, this, now);
        _open.Add(c);
        _loop.Register(c);
    }

    public void OnDeadline(MonoTime now)
    {
    }

    internal string Render(MonoTime now) => _render(now);

    internal void Closed(MetricsConnection c)
    {
        _open.Remove(c);
        _loop.Unregister(c);
    }

    internal ILogger Log => _log;

    public void Dispose()
    {
        foreach (var c in _open.ToArray()) c.Dispose();
        _listener.Dispose();
    }
}
