using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Appliance.Notify;

/// <summary>SMTP settings from global_defs.</summary>
internal sealed record SmtpSettings(string Server, int Port, TimeSpan ConnectTimeout, string From, IReadOnlyList<string> To, string Helo);

/// <summary>
/// The smallest SMTP client that delivers keepalived's alerts to a relay (RFC 5321): greeting,
/// EHLO (HELO when refused), MAIL FROM, RCPT TO each recipient, DATA with dot-stuffing, QUIT. No
/// TLS or AUTH, as keepalived: point it at a local relay. Runs on the mail worker thread only.
/// </summary>
internal static class SmtpMailer
{
    /// <summary>Sends one message; returns null on success or what went wrong.</summary>
    public static string? Send(SmtpSettings s, string subject, string body, DateTimeOffset date)
    {
        try
        {
            using var client = new TcpClient();
            using (var cts = new CancellationTokenSource(s.ConnectTimeout))
            {
                try
                {
                    client.ConnectAsync(s.Server, s.Port, cts.Token).AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    return $"connect to {s.Server}:{s.Port} timed out after {s.ConnectTimeout.TotalSeconds}s";
                }
            }
            client.ReceiveTimeout = client.SendTimeout = (int)s.ConnectTimeout.TotalMilliseconds;
            using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            string? Expect(int code, string step)
            {
                int got = ReadReply(reader);
                return got == code || (code == 250 && got == 251) ? null : $"{step}: server answered {got}";
            }
            void Say(string line)
            {
                var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
                stream.Write(bytes);
            }

            if (Expect(220, "greeting") is { } e0) return e0;
            Say($"EHLO {s.Helo}");
            if (Expect(250, "EHLO") is not null)
            {
                Say($"HELO {s.Helo}");
                if (Expect(250, "HELO") is { } e1) return e1;
            }
            Say($"MAIL FROM:<{s.From}>");
            if (Expect(250, "MAIL FROM") is { } e2) return e2;
            foreach (var to in s.To)
            {
                Say($"RCPT TO:<{to}>");
                if (Expect(250, $"RCPT TO {to}") is { } e3) return e3;
            }
            Say("DATA");
            if (Expect(354, "DATA") is { } e4) return e4;
            var msg = new StringBuilder();
            msg.Append("From: ").Append(s.From).Append("\r\n");
            msg.Append("To: ").Append(string.Join(", ", s.To)).Append("\r\n");
            msg.Append("Subject: ").Append(subject).Append("\r\n");
            msg.Append("Date: ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(29, 1)).Append("\r\n");
            msg.Append("X-Mailer: appliance\r\n\r\n");
            foreach (var line in body.Replace("\r\n", "\n").Split('\n'))
            {
                // RFC 5321 §4.5.2: a line that starts with a dot gets another one.
                if (line.StartsWith('.')) msg.Append('.');
                msg.Append(line).Append("\r\n");
            }
            msg.Append(".\r\n");
            stream.Write(Encoding.UTF8.GetBytes(msg.ToString()));
            if (Expect(250, "end of data") is { } e5) return e5;
            Say("QUIT");
            ReadReply(reader);
            return null;
        }
        catch (SocketException e)
        {
            return $"{s.Server}:{s.Port}: {e.SocketErrorCode}";
        }
        catch (IOException e)
        {
            return $"{s.Server}:{s.Port}: {e.Message}";
        }
    }

    // A reply is one or more lines "NNN-text" ending with "NNN text" (RFC 5321 §4.2.1).
    private static int ReadReply(StreamReader reader)
    {
        while (true)
        {
            string? line = reader.ReadLine();
            if (line is null || line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int code)) return -1;
            if (line.Length == 3 || line[3] != '-') return code;
        }
    }
}
