using System.Net.Sockets;
using System.Text;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Operations.Metrics;

/// <summary>
/// One scrape: reads the request head (at most <see cref="MaxRequest"/> bytes), answers GET
/// /metrics (404 elsewhere, 405 for other methods, 400 for garbage), and closes. A client that
/// neither finishes its request nor takes its answer within <see cref="TimeLimitNs"/> is dropped;
/// an answer the socket buffer cannot take at once is retried on short deadlines, never waited for.
/// </summary>
internal sealed class MetricsConnection : ILoopSource, IDisposable
{
    public const int MaxRequest = 4096;
    private const long TimeLimitNs = 5_000_000_000;
    private const long RetryNs = 10_000_000;

    private readonly Socket _socket;
    private readonly MetricsEndpoint _owner;
    private readonly byte[] _request = new byte[MaxRequest];
    private readonly MonoTime _giveUpAt;
    private int _length;
    private byte[]? _answer;
    private int _sent;
    private MonoTime _retryAt = MonoTime.Never;
    private bool _closed;

    public MetricsConnection(Socket socket, MetricsEndpoint owner, MonoTime now)
    {
        _socket = socket;
        _owner = owner;
        _giveUpAt = now.AddNanoseconds(TimeLimitNs);
    }

    public string Name => "metrics client";

    public int PollFd => _closed || _answer is not null ? -1 : (int)_socket.Handle;

    public MonoTime NextDeadline => MonoTime.Min(_giveUpAt, _retryAt);

    public void OnReadable(MonoTime now)
    {
        int n = _socket.Receive(_request.AsSpan(_length), SocketFlags.None, out var err);
        if (err == SocketError.WouldBlock) return;
        if (err != SocketError.Success || n == 0)
        {
            Dispose();
            return;
        }
        _length += n;
        int end = _request.AsSpan(0, _length).IndexOf("\r\n\r\n"u8);
        if (end < 0) end = _request.AsSpan(0, _length).IndexOf("\n\n"u8);
        if (end < 0)
        {
            if (_length == MaxRequest) Respond(431, "Request Header Fields Too Large", "request head too large\n", now);
            return;
        }
        var line = _request.AsSpan(0, _length);
        int eol = line.IndexOf((byte)'\n');
        line = line[..eol].TrimEnd((byte)'\r');
        int sp1 = line.IndexOf((byte)' ');
        int sp2 = sp1 < 0 ? -1 : line[(sp1 + 1)..].IndexOf((byte)' ');
        if (sp1 <= 0 || sp2 <= 0 || !line[(sp1 + sp2 + 2)..].StartsWith("HTTP/1."u8))
        {
            Respond(400, "Bad Request", "bad request line\n", now);
            return;
        }
        var method = line[..sp1];
        var target = line.Slice(sp1 + 1, sp2);
        int q = target.IndexOf((byte)'?');
        if (q >= 0) target = target[..q];
        if (!method.SequenceEqual("GET"u8) && !method.SequenceEqual("HEAD"u8)) Respond(405, "Method Not Allowed", "only GET\n", now);
        else if (!target.SequenceEqual("/metrics"u8)) Respond(404, "Not Found", "only /metrics\n", now);
        else
        {
            _owner.Scrapes++;
            Respond(200, "OK", _owner.Render(now), now, head: method.SequenceEqual("HEAD"u8));
        }
    }

    public void OnDeadline(MonoTime now)
    {
        if (now >= _giveUpAt)
        {
            _owner.Dropped++;
            Dispose();
            return;
        }
        if (now >= _retryAt) Flush(now);
    }

    private void Respond(int status, string reason, string body, MonoTime now, bool head = false)
    {
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        string type = status == 200 ? PrometheusText.ContentType : "text/plain; charset=utf-8";
        var headBytes = Encoding.ASCII.GetBytes($"HTTP/1.0 {status} {reason}\r\nContent-Type: {type}\r\nContent-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n");
        _answer = head ? headBytes : [.. headBytes, .. bodyBytes];
        Flush(now);
    }

    private void Flush(MonoTime now)
    {
        int n = _socket.Send(_answer.AsSpan(_sent), SocketFlags.None, out var err);
        if (err is not (SocketError.Success or SocketError.WouldBlock))
        {
            Dispose();
            return;
        }
        if (err == SocketError.Success) _sent += n;
        if (_sent == _answer!.Length)
        {
            // Unread request bytes would turn our close into a reset that can destroy the answer
            // in flight: read what is queued (bounded) first.
            for (int k = 0; k < 16 && _socket.Receive(_request, SocketFlags.None, out var e) > 0 && e == SocketError.Success; k++)
            {
            }
            try
            {
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                // The client is gone already; nothing left to tell it.
            }
            Dispose();
            return;
        }
        _retryAt = now.AddNanoseconds(RetryNs);
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _socket.Dispose();
        _owner.Closed(this);
    }
}
