using System.Net.Sockets;
using Appliance.Daemon.Loop;
using Appliance.Host.Logging;
using Appliance.Platform.Linux.Files;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Serilog;

namespace Appliance.Operations;

/// <summary>
/// The control socket's listener as a loop source. Each accepted connection is checked (SO_PEERCRED:
/// root or the control group) and becomes a <see cref="ControlConnection"/> source of its own, so
/// reading, serving and answering happen on the loop thread without ever blocking it. Bounded: at
/// most <see cref="MaxClients"/> connections, one request each, deadlines on reading and writing.
/// Idle, it is one descriptor in the poll set and no deadline: nothing runs, nothing allocates.
/// </summary>
internal sealed class ControlServer : ILoopSource, IDisposable
{
    /// <summary>Connections served at once; more are answered 503 and closed.</summary>
    public const int MaxClients = 8;

    // Connections accepted per turn: a connect flood cannot hold the loop.
    private const int AcceptBudget = 4;

    private readonly Socket _listener;
    private readonly EventLoop _loop;
    private readonly ControlAccess _access;
    private readonly Func<ControlRequest, MonoTime, byte[]> _serve;
    private readonly ILogger _log;
    private readonly List<ControlConnection> _clients = new(MaxClients);
    private readonly int _fd;
    // A local user hammering the socket must not flood the log: one refusal line per 10 s, with a count.
    private readonly RateLimiter _refusals = new(1, TimeSpan.FromSeconds(10));

    private ControlServer(ControlEndpoint endpoint, Socket listener, EventLoop loop, ControlAccess access, Func<ControlRequest, MonoTime, byte[]> serve, ILogger log)
    {
        Endpoint = endpoint;
        _listener = listener;
        _loop = loop;
        _access = access;
        _serve = serve;
        _log = log;
        _fd = (int)listener.Handle;
    }

    /// <summary>Where it listens.</summary>
    public ControlEndpoint Endpoint { get; }

    /// <summary>How long a client has to send its request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a client has to take its answer.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Connections accepted from permitted peers.</summary>
    public long Accepted { get; private set; }

    /// <summary>Connections refused: the peer is neither root nor in the control group.</summary>
    public long Refused { get; private set; }

    /// <summary>Connections turned away because <see cref="MaxClients"/> were open.</summary>
    public long Busy { get; private set; }

    /// <summary>Requests served (whatever the verb answered).</summary>
    public long Served { get; private set; }

    /// <summary>Requests that were not well-formed (answered 400/413/505).</summary>
    public long Malformed { get; private set; }

    /// <summary>Requests not complete within <see cref="RequestTimeout"/>.</summary>
    public long TimedOut { get; private set; }

    /// <summary>Answers the client did not take within <see cref="AnswerTimeout"/> (or hung up on).</summary>
    public long AnswersDropped { get; private set; }

    /// <summary>Connections open now.</summary>
    public int OpenConnections => _clients.Count;

    public string Name => "control socket";

    public int PollFd => _fd;

    public MonoTime NextDeadline => MonoTime.Never;

    /// <summary>Creates, binds and listens (non-blocking, close-on-exec as .NET opens every socket).
    /// A filesystem path left by a crashed daemon is replaced; one a live daemon answers on is not.</summary>
    /// <exception cref="DaemonStartupException">The socket cannot be created.</exception>
    public static ControlServer Open(ControlEndpoint endpoint, EventLoop loop, ControlAccess access, Func<ControlRequest, MonoTime, byte[]> serve, ILogger log)
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            if (!endpoint.IsAbstract) RemoveStale(endpoint);
            s.Bind(endpoint.EndPoint);
            // Filesystem socket: anyone may connect so that a refused peer hears why; SO_PEERCRED decides.
            if (!endpoint.IsAbstract && !OperatingSystem.IsWindows()) File.SetUnixFileMode(endpoint.Name, (UnixFileMode)0b110_110_110);
            s.Listen(MaxClients);
            s.Blocking = false;
        }
        catch (SocketException e)
        {
            s.Dispose();
            string why = e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? "another daemon is already listening there (same configuration file in this network namespace?)"
                : e.Message;
            throw new DaemonStartupException($"cannot open the control socket {endpoint}: {why}; choose another with --control-socket PATH");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            s.Dispose();
            throw new DaemonStartupException($"cannot open the control socket {endpoint}: {e.Message}; choose another with --control-socket PATH");
        }
        return new ControlServer(endpoint, s, loop, access, serve, log);
    }

    // A socket file with no listener behind it is a leftover of a crash: connecting fails with
    // ECONNREFUSED. A live daemon answers; then the path is not ours to take.
    private static void RemoveStale(ControlEndpoint endpoint)
    {
        var err = FileStatus.TryGet(endpoint.Name, followLinks: false, out var st);
        if (err.Value != 0) return;
        // Only a socket (FileKind.Other) is ours to replace: never a file, directory or link someone put there.
        if (st.Kind != FileKind.Other)
            throw new DaemonStartupException($"cannot open the control socket {endpoint}: something other than a socket is there; remove it or choose another path");
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(endpoint.EndPoint);
                throw new SocketException((int)SocketError.AddressAlreadyInUse);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
            }
        }
        File.Delete(endpoint.Name);
    }

    public void OnReadable(MonoTime now)
    {
        for (int i = 0; i < AcceptBudget && _listener.Poll(0, SelectMode.SelectRead); i++)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (SocketException)
            {
                return;
            }
            client.Blocking = false;
            if (!PeerCredentials.TryRead(client, out var peer))
            {
                Refused++;
                Reject(client, ControlStatus.Forbidden, "permission denied: the kernel did not report the peer's credentials\n");
                continue;
            }
            if (!_access.Allows(peer))
            {
                Refused++;
                if (_refusals.Allow(0, now, out long held))
                    _log.Warning("control socket: refused uid {Uid} (pid {Pid}): not root and not in the control group ({Held} more refused)", peer.Uid, peer.Pid, held);
                Reject(client, ControlStatus.Forbidden, _access.Refusal(peer));
                continue;
            }
            if (_clients.Count >= MaxClients)
            {
                Busy++;
                Reject(client, ControlStatus.Busy, $"busy: {MaxClients} control connections are open; try again\n");
                continue;
            }
            Accepted++;
            var c = new ControlConnection(this, client, peer, now.Add(RequestTimeout));
            _clients.Add(c);
            _loop.Register(c);
        }
    }

    // One non-blocking send of a short answer into an empty socket buffer, then close: the client
    // reads it after we closed, or never; either way the loop does not wait.
    private static void Reject(Socket client, ControlStatus status, string message)
    {
        client.Send(ControlProtocol.FormatAnswer(status, message), SocketFlags.None, out _);
        DrainAndClose(client);
    }

    /// <summary>Closes a control connection after reading (and discarding) what the client already
    /// sent: a Unix stream socket closed with unread input makes the peer's next read fail with
    /// ECONNRESET instead of a clean end of stream after the answer.</summary>
    public static void DrainAndClose(Socket s)
    {
        Span<byte> sink = stackalloc byte[ControlProtocol.MaxRequestBytes];
        for (int i = 0; i < 4; i++)
        {
            int n = s.Receive(sink, SocketFlags.None, out SocketError err);
            if (err != SocketError.Success || n <= 0) break;
        }
        s.Dispose();
    }

    public void OnDeadline(MonoTime now)
    {
    }

    /// <summary>Serves one well-formed request (on the loop thread, from the connection).</summary>
    public byte[] Serve(in ControlRequest request, in PeerCredentials peer, MonoTime now)
    {
        try
        {
            return _serve(request, now);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in a verb must not take the loop (and the VIPs) down with it.
            _log.Error(e, "bug: control verb {Verb} failed", request.Verb);
            return ControlProtocol.FormatAnswer(ControlStatus.Refused, $"internal error serving '{request.Verb}': {e.Message}\n");
        }
    }

    /// <summary>A connection is done: count it, close it, stop polling it.</summary>
    public void Finish(ControlConnection c, ControlOutcome outcome)
    {
        switch (outcome)
        {
            case ControlOutcome.Served: Served++; break;
            case ControlOutcome.Malformed: Malformed++; break;
            case ControlOutcome.TimedOut: TimedOut++; break;
            case ControlOutcome.AnswerDropped: AnswersDropped++; break;
        }
        c.Close();
        _clients.Remove(c);
        _loop.Unregister(c);
    }

    /// <summary>Closes every connection and the listener; removes a filesystem socket.</summary>
    public void Dispose()
    {
        foreach (var c in _clients)
        {
            c.Close();
            _loop.Unregister(c);
        }
        _clients.Clear();
        _listener.Dispose();
        if (!Endpoint.IsAbstract)
        {
            try
            {
                File.Delete(Endpoint.Name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _log.Warning("could not remove the control socket {Path}: {Error}", Endpoint.Name, e.Message);
            }
        }
    }
}
