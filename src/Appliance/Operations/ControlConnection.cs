using System.Net.Sockets;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Operations;

/// <summary>
/// One accepted control connection as a loop source: reads one bounded request without blocking,
/// has it served, writes the answer without blocking and closes. It never waits on the client: a
/// request that is not complete by its deadline is answered 408 and dropped, and an answer the
/// client does not take within the answer deadline is dropped with the connection.
/// </summary>
internal sealed class ControlConnection : ILoopSource
{
    // poll(2) reports only readability to the loop, so a blocked write is retried on a short timer
    // until the answer deadline. That only happens when an answer exceeds the socket buffer and the
    // client is slow to read; normal answers go out in one send.
    private static readonly long s_writeRetryNs = 10_000_000;

    private readonly ControlServer _server;
    private readonly Socket _socket;
    private readonly byte[] _request = new byte[ControlProtocol.MaxRequestBytes];
    private int _received;
    private byte[]? _answer;
    private int _sent;
    private MonoTime _deadline;
    private MonoTime _answerDeadline = MonoTime.Never;
    private ControlOutcome _outcome;

    public ControlConnection(ControlServer server, Socket socket, in PeerCredentials peer, MonoTime requestDeadline)
    {
        _server = server;
        _socket = socket;
        Peer = peer;
        _deadline = requestDeadline;
        Fd = (int)socket.Handle;
    }

    public PeerCredentials Peer { get; }

    public string Name => "control connection";

    /// <summary>The descriptor; parked (-1) once the request is read, as only the answer remains.</summary>
    public int PollFd => _answer is null ? Fd : -1;

    public MonoTime NextDeadline => _deadline;

    /// <summary>True once the connection is finished (answered, dropped or failed).</summary>
    public bool Closed { get; private set; }

    private int Fd { get; }

    public void OnReadable(MonoTime now)
    {
        if (_answer is not null || Closed) return;
        int n = _socket.Receive(_request.AsSpan(_received), SocketFlags.None, out SocketError err);
        if (err == SocketError.WouldBlock) return;
        if (err != SocketError.Success)
        {
            _server.Finish(this, ControlOutcome.Failed);
            return;
        }
        bool eof = n == 0;
        _received += n;
        int end = ControlProtocol.EndOfRequest(_request.AsSpan(0, _received));
        if (end < 0 && !eof && _received < _request.Length) return;
        if (end < 0 && _received == 0)
        {
            // Connected and closed without a word (a probe): nothing to answer.
            _server.Finish(this, ControlOutcome.Failed);
            return;
        }
        if (end < 0 && !eof)
        {
            Answer(ControlProtocol.FormatAnswer(ControlStatus.TooLarge, $"the request is longer than {ControlProtocol.MaxRequestBytes} bytes\n"), now, ControlOutcome.Malformed);
            return;
        }
        var line = _request.AsSpan(0, end < 0 ? _received : end);
        var status = ControlProtocol.Parse(line, out var request, out string error);
        if (status != ControlStatus.Ok)
        {
            Answer(ControlProtocol.FormatAnswer(status, error + "\n"), now, ControlOutcome.Malformed);
            return;
        }
        Answer(_server.Serve(request, Peer, now), now, ControlOutcome.Served);
    }

    public void OnDeadline(MonoTime now)
    {
        if (Closed) return;
        if (_answer is null)
        {
            // The request did not complete in time: say so (best effort, never waiting) and drop it.
            _answer = ControlProtocol.FormatAnswer(ControlStatus.Timeout, "the request did not arrive complete in time\n");
            TrySend();
            _server.Finish(this, ControlOutcome.TimedOut);
            return;
        }
        if (TrySend() || now >= _answerDeadline)
        {
            _server.Finish(this, _sent == _answer.Length ? _outcome : ControlOutcome.AnswerDropped);
            return;
        }
        _deadline = now.AddNanoseconds(s_writeRetryNs);
    }

    private void Answer(byte[] answer, MonoTime now, ControlOutcome outcome)
    {
        _answer = answer;
        _outcome = outcome;
        _answerDeadline = now.Add(_server.AnswerTimeout);
        if (TrySend())
        {
            _server.Finish(this, _sent == answer.Length ? outcome : ControlOutcome.AnswerDropped);
            return;
        }
        _deadline = now.AddNanoseconds(s_writeRetryNs);
    }

    // True when the whole answer is out, or the client is gone (nothing more can be sent).
    private bool TrySend()
    {
        while (_sent < _answer!.Length)
        {
            int n = _socket.Send(_answer.AsSpan(_sent), SocketFlags.None, out SocketError err);
            if (err == SocketError.WouldBlock) return false;
            if (err != SocketError.Success || n <= 0) return true;
            _sent += n;
        }
        return true;
    }

    /// <summary>Closes the socket (the server unregisters the source).</summary>
    public void Close()
    {
        if (Closed) return;
        Closed = true;
        ControlServer.DrainAndClose(_socket);
    }
}

/// <summary>How a control connection ended, for the server's counters.</summary>
internal enum ControlOutcome
{
    Served,
    Malformed,
    TimedOut,
    AnswerDropped,
    Failed,
}
