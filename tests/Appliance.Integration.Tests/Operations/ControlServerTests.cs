using System.Net.Sockets;
using System.Text;
using Appliance.Daemon.Loop;
using Appliance.Host;
using Appliance.Operations;
using Appliance.Vrrp;
using Appliance.Testing.Lab;
using Appliance.Vrrp.Events;

namespace Appliance.Integration.Tests.Operations;

/// <summary>
/// The control server on a real Unix socket, driven turn by turn on the test thread: bad requests
/// are answered and counted, slow clients are dropped at their deadline, the client count is
/// bounded, and an idle loop with the socket registered allocates nothing.
/// </summary>
public sealed class ControlServerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ctl-").FullName;
    private readonly EventLoop _loop = new();
    private readonly ControlServer _server;
    private int _served;

    public ControlServerTests()
    {
        // The test runs as root (CI does), so SO_PEERCRED says uid 0 and the peer is admitted.
        _server = ControlServer.Open(ControlEndpoint.ForPath(Path.Combine(_dir, "ctl.sock")), _loop, new ControlAccess(null, null), Serve,
            Serilog.Core.Logger.None);
        _loop.Register(_server);
    }

    private byte[] Serve(ControlRequest r, MonoTime now)
    {
        _served++;
        return ControlProtocol.FormatAnswer(ControlStatus.Ok, $"verb {r.Verb}\n");
    }

    private Socket Connect()
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 10_000 };
        s.Connect(_server.Endpoint.EndPoint);
        return s;
    }

    // Turns the loop until the client has its whole answer (the daemon closed its end).
    private string Answer(Socket s)
    {
        var got = new MemoryStream();
        var buf = new byte[4096];
        s.Blocking = false;
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            _loop.Turn();
            int n = s.Receive(buf, 0, buf.Length, SocketFlags.None, out SocketError err);
            if (err == SocketError.Success && n == 0) return Encoding.UTF8.GetString(got.ToArray());
            if (err == SocketError.Success) got.Write(buf, 0, n);
        }
        throw new Xunit.Sdk.XunitException("no complete answer: " + Encoding.UTF8.GetString(got.ToArray()));
    }

    [Fact]
    public void A_request_is_served_and_the_connection_closed()
    {
        using var s = Connect();
        s.Send(ControlProtocol.FormatRequest("status"));
        Assert.Equal("appliance-control 1 200 ok\nverb status\n", Answer(s));
        Assert.Equal(1, _server.Served);
        Assert.Equal(0, _server.OpenConnections);
    }

    [Fact]
    public void A_malformed_request_gets_a_bad_request_answer_and_is_counted()
    {
        using var s = Connect();
        s.Send("PING\n"u8);
        string a = Answer(s);
        Assert.StartsWith("appliance-control 1 400 bad-request\n", a, StringComparison.Ordinal);
        Assert.Equal(1, _server.Malformed);
        Assert.Equal(0, _served);
    }

    [Fact]
    public void A_request_longer_than_the_limit_is_answered_too_large_without_waiting_for_its_end()
    {
        using var s = Connect();
        s.Send(Encoding.ASCII.GetBytes(new string('a', ControlProtocol.MaxRequestBytes + 100)));
        Assert.StartsWith("appliance-control 1 413 too-large\n", Answer(s), StringComparison.Ordinal);
        Assert.Equal(1, _server.Malformed);
    }

    [Fact]
    public void A_request_that_does_not_complete_by_its_deadline_is_dropped_with_a_timeout_answer()
    {
        using var s = Connect();
        s.Send("appliance-control 1 sta"u8);
        // The loop keeps turning (no blocking read): the deadline of two seconds ends it.
        Assert.StartsWith("appliance-control 1 408 timeout\n", Answer(s), StringComparison.Ordinal);
        Assert.Equal(1, _server.TimedOut);
        Assert.Equal(0, _served);
    }

    [Fact]
    public void A_request_ended_by_a_half_close_without_newline_is_served()
    {
        using var s = Connect();
        s.Send("appliance-control 1 version"u8);
        s.Shutdown(SocketShutdown.Send);
        Assert.Equal("appliance-control 1 200 ok\nverb version\n", Answer(s));
    }

    [Fact]
    public void More_clients_than_the_limit_are_answered_busy()
    {
        var open = new List<Socket>();
        try
        {
            for (int i = 0; i < ControlServer.MaxClients; i++)
            {
                open.Add(Connect());
                _loop.Turn();
            }
            Poll.Require(() =>
            {
                _loop.Turn();
                return _server.OpenConnections == ControlServer.MaxClients;
            }, TimeSpan.FromSeconds(10), "every client accepted");
            using var extra = Connect();
            Assert.StartsWith("appliance-control 1 503 busy\n", Answer(extra), StringComparison.Ordinal);
            Assert.Equal(1, _server.Busy);
        }
        finally
        {
            foreach (var s in open) s.Dispose();
        }
    }

    [SkippableFact]
    public void A_stale_socket_file_from_a_crash_is_replaced_and_removed_on_dispose()
    {
        string path = Path.Combine(_dir, "stale.sock");
        // A process that bound the path and died: the file stays, nobody listens (.NET's own Socket
        // would unlink the file when disposed, so another process leaves it).
        Skip.IfNot(Shell.Has("python3"), "python3 leaves a stale socket file behind");
        Shell.Run("python3", "-c", $"import socket; socket.socket(socket.AF_UNIX).bind('{path}')");
        Assert.True(File.Exists(path));
        var loop = new EventLoop();
        var server = ControlServer.Open(ControlEndpoint.ForPath(path), loop, new ControlAccess(null, null), Serve, Serilog.Core.Logger.None);
        using (var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            s.Connect(new UnixDomainSocketEndPoint(path));
        server.Dispose();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_path_a_live_daemon_listens_on_is_not_taken()
    {
        var e = Assert.Throws<DaemonStartupException>(() =>
            ControlServer.Open(_server.Endpoint, new EventLoop(), new ControlAccess(null, null), Serve, Serilog.Core.Logger.None));
        Assert.Contains("already listening", e.Message, StringComparison.Ordinal);
    }

    // The peer check with real credentials: a client process running as nobody, with or without
    // the control group as a supplementary group (SO_PEERGROUPS), against an abstract socket (no
    // file permissions in the way). The test thread turns the loop while the client waits.
    [SkippableTheory]
    [InlineData(true, "appliance-control 1 200 ok")]
    [InlineData(false, "appliance-control 1 403 forbidden")]
    public void A_non_root_peer_is_admitted_only_as_a_member_of_the_control_group(bool member, string expected)
    {
        // The system python: a per-user one (pyenv under /root) is out of reach for nobody.
        Skip.IfNot(Shell.IsRoot && Shell.Has("setpriv") && File.Exists("/usr/bin/python3"), "needs root, setpriv and /usr/bin/python3");
        const uint group = 4242;
        var loop = new EventLoop();
        var endpoint = new ControlEndpoint($"appliance-test/{Guid.NewGuid():N}", IsAbstract: true);
        using var server = ControlServer.Open(endpoint, loop, new ControlAccess(group, "ops"), Serve, Serilog.Core.Logger.None);
        loop.Register(server);
        const string client = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX)
            s.connect('\0' + sys.argv[1])
            try:
                s.sendall(b'appliance-control 1 status\n')
            except BrokenPipeError:
                pass  # refused at once: the answer is waiting all the same
            d = b''
            while True:
                try:
                    b = s.recv(4096)
                except ConnectionResetError:
                    break  # the daemon closed after answering; what arrived is the answer
                if not b: break
                d += b
            sys.stdout.write(d.decode())
            """;
        var psi = new System.Diagnostics.ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--reuid=65534", "--regid=65534", member ? $"--groups={group}" : "--clear-groups", "/usr/bin/python3", "-c", client, endpoint.Name })
            psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!p.HasExited && DateTime.UtcNow < until) loop.Turn();
        Assert.True(p.HasExited, "the client did not finish");
        string answer = output.Result;
        Assert.True(answer.StartsWith(expected, StringComparison.Ordinal), answer + p.StandardError.ReadToEnd());
        Assert.Equal(member ? 0 : 1, server.Refused);
    }

    [Fact]
    public void The_idle_loop_with_the_control_socket_registered_allocates_nothing_per_turn()
    {
        // A source that is always due makes every turn return at once instead of sleeping.
        _loop.Register(new AlwaysDue());
        for (int i = 0; i < 1000; i++) _loop.Turn();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) _loop.Turn();
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private sealed class AlwaysDue : ILoopSource
    {
        public string Name => "always due";

        public int PollFd => -1;

        public MonoTime NextDeadline => MonoTime.Zero;

        public void OnReadable(MonoTime now)
        {
        }

        public void OnDeadline(MonoTime now)
        {
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
