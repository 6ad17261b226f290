using System.Globalization;
using System.Text;

namespace Appliance.Operations;

/// <summary>
/// The control socket's framing, pure and bounded. A request is one line of at most
/// <see cref="MaxRequestBytes"/> bytes: <c>appliance-control 1 VERB [ARG...]\n</c>. An answer is a
/// status line, <c>appliance-control 1 CODE WORD\n</c>, then the body; the daemon closes the
/// connection after it, so the end of the body is the end of the stream. Versioned so a newer
/// client talking to an older daemon gets a clear 505, not a misread answer.
/// </summary>
internal static class ControlProtocol
{
    /// <summary>The first word of every request and answer.</summary>
    public const string Magic = "appliance-control";

    /// <summary>The protocol version this build speaks.</summary>
    public const int Version = 1;

    /// <summary>The longest request line, newline included. Requests are a verb and a few words.</summary>
    public const int MaxRequestBytes = 512;

    /// <summary>The largest answer the daemon sends (a status of many instances fits easily).</summary>
    public const int MaxAnswerBytes = 1 << 20;

    /// <summary>At most this many arguments after the verb.</summary>
    public const int MaxArguments = 8;

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The request line for <paramref name="verb"/> and <paramref name="args"/>, newline included.</summary>
    public static byte[] FormatRequest(string verb, params string[] args)
    {
        var sb = new StringBuilder(Magic).Append(' ').Append(Version.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(verb);
        foreach (var a in args) sb.Append(' ').Append(a);
        return Encoding.UTF8.GetBytes(sb.Append('\n').ToString());
    }

    /// <summary>Finds the end of a request in what has arrived so far: the index of the first
    /// newline, or -1 when none came yet.</summary>
    public static int EndOfRequest(ReadOnlySpan<byte> received) => received.IndexOf((byte)'\n');

    /// <summary>Parses one request line (without its newline). Never throws: a malformed line gives
    /// <see cref="ControlStatus.BadRequest"/> (or <see cref="ControlStatus.UnsupportedVersion"/>) and
    /// a sentence for the answer.</summary>
    public static ControlStatus Parse(ReadOnlySpan<byte> line, out ControlRequest request, out string error)
    {
        request = default;
        error = "";
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (line.Length >= MaxRequestBytes)
        {
            error = $"the request is longer than {MaxRequestBytes} bytes";
            return ControlStatus.TooLarge;
        }
        string text;
        try
        {
            text = s_strictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            error = "the request is not UTF-8";
            return ControlStatus.BadRequest;
        }
        foreach (char c in text)
        {
            if (c < ' ' || c == '\x7f')
            {
                error = $"the request contains the control character U+{(int)c:X4}";
                return ControlStatus.BadRequest;
            }
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words[0] != Magic)
        {
            error = $"not a control request: it must start with '{Magic} {Version}'";
            return ControlStatus.BadRequest;
        }
        if (words.Length < 2 || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int version))
        {
            error = $"no protocol version after '{Magic}'";
            return ControlStatus.BadRequest;
        }
        if (version != Version)
        {
            error = $"protocol version {words[1]} is not supported; this daemon speaks version {Version}";
            return ControlStatus.UnsupportedVersion;
        }
        if (words.Length < 3)
        {
            error = "no verb";
            return ControlStatus.BadRequest;
        }
        if (words.Length - 3 > MaxArguments)
        {
            error = $"more than {MaxArguments} arguments";
            return ControlStatus.BadRequest;
        }
        request = new ControlRequest(words[2], words[3..]);
        return ControlStatus.Ok;
    }

    /// <summary>The whole answer: status line and body, UTF-8. A body larger than
    /// <see cref="MaxAnswerBytes"/> is replaced by a <see cref="ControlStatus.TooLarge"/> answer.</summary>
    public static byte[] FormatAnswer(ControlStatus status, ReadOnlySpan<byte> body)
    {
        byte[] head = Encoding.ASCII.GetBytes($"{Magic} {Version} {(int)status} {Word(status)}\n");
        if (head.Length + body.Length > MaxAnswerBytes)
            return FormatAnswer(ControlStatus.TooLarge, Encoding.UTF8.GetBytes($"the answer would be {body.Length} bytes, more than the {MaxAnswerBytes} the protocol allows\n"));
        var all = new byte[head.Length + body.Length];
        head.CopyTo(all, 0);
        body.CopyTo(all.AsSpan(head.Length));
        return all;
    }

    /// <summary>An answer with a text body.</summary>
    public static byte[] FormatAnswer(ControlStatus status, string body) => FormatAnswer(status, Encoding.UTF8.GetBytes(body));

    /// <summary>Splits a complete answer (everything read until the daemon closed) into its status and body.</summary>
    public static bool TryParseAnswer(ReadOnlySpan<byte> data, out ControlStatus status, out string body, out string error)
    {
        status = default;
        body = "";
        error = "";
        int nl = data.IndexOf((byte)'\n');
        if (nl < 0)
        {
            error = data.Length == 0 ? "the daemon closed the connection without an answer" : "the answer has no status line";
            return false;
        }
        var words = Encoding.UTF8.GetString(data[..nl]).Split(' ');
        if (words.Length < 3 || words[0] != Magic || !int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out int code))
        {
            error = "the answer's status line is not '" + Magic + " VERSION CODE WORD'";
            return false;
        }
        status = (ControlStatus)code;
        body = Encoding.UTF8.GetString(data[(nl + 1)..]);
        return true;
    }

    /// <summary>The word after the code in a status line.</summary>
    public static string Word(ControlStatus status) => status switch
    {
        ControlStatus.Ok => "ok",
        ControlStatus.BadRequest => "bad-request",
        ControlStatus.Forbidden => "forbidden",
        ControlStatus.Timeout => "timeout",
        ControlStatus.Refused => "refused",
        ControlStatus.TooLarge => "too-large",
        ControlStatus.Busy => "busy",
        ControlStatus.UnsupportedVersion => "unsupported-version",
        _ => "error",
    };
}

/// <summary>One parsed request: the verb and its arguments.</summary>
internal readonly record struct ControlRequest(string Verb, string[] Args);
