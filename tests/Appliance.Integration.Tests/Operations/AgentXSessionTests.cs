using System.Net.Sockets;
using Appliance.Daemon.Loop;
using Appliance.Operations;
using Appliance.Operations.AgentX;
using Appliance.Platform.Linux.Loop;
using Appliance.Testing.Lab;
using Serilog;

namespace Appliance.Integration.Tests.Operations;

/// <summary>The subagent's session against a master played by the test over a real Unix socket,
/// the subagent driven by the real <see cref="EventLoop"/>: Open, Register, a GetNext answered,
/// and a malformed PDU counted and answered by a new session, never a crash.</summary>
public sealed class AgentXSessionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Opens_registers_answers_getnext_and_starts_over_after_a_malformed_pdu()
    {
        string path = Path.Combine(_dir, "master");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        var start = MonoClock.Now;
        using var log = new LoggerConfiguration().CreateLogger();
        using var sub = new AgentXSubagent(AgentXEndpoint.Parse(path), traps: true,
            t => new OperationsSnapshot(t, start, 0, [], [], []), () => [], start, log, start);
        var loop = new EventLoop();
        loop.Register(sub);

        using var master = Accept(loop, listener);
        var open = Read(loop, master);
        Assert.Equal(AgentXPduType.Open, open.Type);
        Assert.True(open.NetworkByteOrder);
        Write(master, new AgentXPdu { Type = AgentXPduType.Response, SessionId = 77, PacketId = open.PacketId });
        var register = Read(loop, master);
        Assert.Equal((AgentXPduType.Register, 77u), (register.Type, register.SessionId));
        Assert.Equal(Vrrpv3Mib.Root, register.Subtree);
        Write(master, new AgentXPdu { Type = AgentXPduType.Response, SessionId = 77, PacketId = register.PacketId });
        Poll.Require(() => { loop.Turn(); return sub.IsRegistered; }, TimeSpan.FromSeconds(10), "the subagent to register");

        // A little-endian GetNext gets a little-endian answer: the first served object, the
        // router-wide vrrpv3RouterChecksumErrors.0 (no instances in this snapshot).
        Write(master, new AgentXPdu { Type = AgentXPduType.GetNext, Flags = AgentXFlags.None, SessionId = 77, TransactionId = 5, PacketId = 9, Ranges = [new(Vrrpv3Mib.Root, false, Oid.Empty)] });
        var answer = Read(loop, master);
        Assert.Equal((AgentXPduType.Response, false, 5u, 9u), (answer.Type, answer.NetworkByteOrder, answer.TransactionId, answer.PacketId));
        var bind = Assert.Single(answer.VarBinds);
        Assert.Equal(Oid.Parse("1.3.6.1.2.1.207.1.2.1.0"), bind.Name);
        Assert.Equal(AgentXValueType.Counter64, bind.Value.Type);

        // h.version 2: malformed. Counted, the session closed with parseError, a new one opened.
        master.Send([2, 18, 0x10, 0, 0, 0, 0, 77, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        var close = Read(loop, master);
        Assert.Equal((AgentXPduType.Close, AgentXCloseReason.ParseError), (close.Type, close.Reason));
        Assert.Equal((1L, 1L), (sub.MalformedPdus, sub.SessionResets));
        Assert.False(sub.IsRegistered);
        using var again = Accept(loop, listener);
        Assert.Equal(AgentXPduType.Open, Read(loop, again).Type);
    }

    [Fact]
    public void An_absent_master_is_retried_with_backoff_and_counted()
    {
        string path = Path.Combine(_dir, "nobody");
        var start = MonoClock.Now;
        using var log = new LoggerConfiguration().CreateLogger();
        using var sub = new AgentXSubagent(AgentXEndpoint.Parse(path), traps: false,
            t => new OperationsSnapshot(t, start, 0, [], [], []), () => [], start, log, start);
        var loop = new EventLoop();
        loop.Register(sub);
        Poll.Require(() => { loop.Turn(); return sub.ConnectFailures >= 2; }, TimeSpan.FromSeconds(10), "two failed attempts");
        Assert.Equal(-1, sub.PollFd);

        // The master appears: the next attempt opens a session.
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        using var master = Accept(loop, listener);
        Assert.Equal(AgentXPduType.Open, Read(loop, master).Type);
    }

    private static Socket Accept(EventLoop loop, Socket listener)
    {
        listener.Blocking = false;
        Socket? s = null;
        Poll.Require(() =>
        {
            loop.Turn();
            try
            {
                s = listener.Accept();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), "the subagent to connect");
        s!.Blocking = true;
        s.ReceiveTimeout = 10_000;
        return s;
    }

    private static AgentXPdu Read(EventLoop loop, Socket s)
    {
        Poll.Require(() => { loop.Turn(); return s.Available >= AgentXPdu.HeaderSize; }, TimeSpan.FromSeconds(10), "a PDU from the subagent");
        var head = new byte[AgentXPdu.HeaderSize];
        ReadExactly(s, head);
        int len = AgentXCodec.PayloadLength(head);
        var all = new byte[AgentXPdu.HeaderSize + len];
        head.CopyTo(all, 0);
        ReadExactly(s, all.AsSpan(AgentXPdu.HeaderSize));
        return AgentXCodec.Decode(all);
    }

    private static void ReadExactly(Socket s, Span<byte> into)
    {
        while (!into.IsEmpty)
        {
            int n = s.Receive(into);
            Assert.True(n > 0, "the subagent closed the socket");
            into = into[n..];
        }
    }

    private static void Write(Socket s, AgentXPdu pdu)
    {
        var buf = new byte[4096];
        int n = AgentXCodec.Encode(pdu, buf);
        s.Send(buf.AsSpan(0, n));
    }
}
