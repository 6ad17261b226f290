using System.Net.Sockets;
using Appliance.Operations;

namespace Appliance.Cli;

/// <summary>
/// The client side of one control request: connect, send the request line, read the answer until
/// the daemon closes, and turn its status into an exit code (docs/operations.md).
/// </summary>
internal static class ControlCall
{
    // Generous: a reload on a slow board prepares sockets and VMACs before it answers.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    /// <summary>Sends <paramref name="verb"/> with <paramref name="args"/> to <paramref name="endpoint"/>.
    /// Returns false (and an exit code and sentence) when no answer could be had.</summary>
    public static bool TryCall(ControlEndpoint endpoint, string verb, string[] args, out ControlStatus status, out string body, out int exitCode, out string? error)
    {
        status = default;
        body = "";
        exitCode = ExitCodes.Ok;
        error = null;
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        s.SendTimeout = (int)s_timeout.TotalMilliseconds;
        s.ReceiveTimeout = (int)s_timeout.TotalMilliseconds;
        try
        {
            s.Connect(endpoint.EndPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            error = $"no daemon is answering on {endpoint}";
            exitCode = ExitCodes.NoDaemon;
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            error = $"permission denied connecting to {endpoint}";
            exitCode = ExitCodes.PermissionDenied;
            return false;
        }
        catch (SocketException e)
        {
            // ENOENT on a filesystem socket arrives as a generic error code: no daemon there either.
            error = $"no daemon is answering on {endpoint}: {e.Message}";
            exitCode = ExitCodes.NoDaemon;
            return false;
        }
        var answer = new MemoryStream();
        try
        {
            s.Send(ControlProtocol.FormatRequest(verb, args));
            s.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The daemon answers a refused peer at once and closes, maybe before our request is
            // out (EPIPE): its answer is waiting to be read all the same.
        }
        try
        {
            var buf = new byte[16 * 1024];
            int n;
            while ((n = s.Receive(buf)) > 0)
            {
                answer.Write(buf, 0, n);
                if (answer.Length > ControlProtocol.MaxAnswerBytes + 1024)
                {
                    error = "the daemon's answer is larger than the protocol allows";
                    exitCode = ExitCodes.Failure;
                    return false;
                }
            }
        }
        catch (SocketException e)
        {
            // A refused peer may see its answer and then a reset; keep what arrived.
            if (answer.Length == 0)
            {
                error = e.SocketErrorCode == SocketError.TimedOut ? $"the daemon on {endpoint} did not answer in time" : $"talking to {endpoint} failed: {e.Message}";
                exitCode = ExitCodes.Failure;
                return false;
            }
        }
        if (!ControlProtocol.TryParseAnswer(answer.ToArray(), out status, out body, out string perr))
        {
            error = perr;
            exitCode = ExitCodes.Failure;
            return false;
        }
        exitCode = ExitCodeOf(status);
        return true;
    }

    /// <summary>The exit code for an answer's status.</summary>
    public static int ExitCodeOf(ControlStatus status) => status switch
    {
        ControlStatus.Ok => ExitCodes.Ok,
        ControlStatus.Forbidden => ExitCodes.PermissionDenied,
        ControlStatus.Refused => ExitCodes.DaemonRefused,
        _ => ExitCodes.Failure,
    };

    /// <summary>Runs a whole verb: resolve, call, print (body to stdout on success, to stderr otherwise).</summary>
    public static int Run(string name, ControlVerbArguments a, string verb, string[] args)
    {
        var endpoint = a.Resolve(out string? rerr, out int rcode);
        if (endpoint is null)
        {
            Console.Error.WriteLine($"appliance {name}: {rerr}");
            return rcode;
        }
        if (!TryCall(endpoint.Value, verb, args, out var status, out string body, out int code, out string? error))
        {
            Console.Error.WriteLine($"appliance {name}: {error}");
            return code;
        }
        if (status == ControlStatus.Ok) Console.Out.Write(body);
        else Console.Error.Write($"appliance {name}: {body}");
        return code;
    }
}
