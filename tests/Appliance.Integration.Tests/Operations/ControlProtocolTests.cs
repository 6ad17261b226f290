using System.Text;
using Appliance.Operations;

namespace Appliance.Integration.Tests.Operations;

/// <summary>The control socket's framing as a pure parser: bounded, versioned, and every malformed
/// request gets an error status and a sentence, never an exception.</summary>
public sealed class ControlProtocolTests
{
    private static ControlStatus Parse(string line, out ControlRequest r, out string error) =>
        ControlProtocol.Parse(Encoding.UTF8.GetBytes(line), out r, out error);

    [Fact]
    public void A_well_formed_request_gives_its_verb_and_arguments()
    {
        Assert.Equal(ControlStatus.Ok, Parse("appliance-control 1 maintenance on", out var r, out _));
        Assert.Equal("maintenance", r.Verb);
        Assert.Equal(["on"], r.Args);
    }

    [Fact]
    public void The_formatted_request_parses_back_without_its_newline()
    {
        byte[] wire = ControlProtocol.FormatRequest("status", "json");
        int end = ControlProtocol.EndOfRequest(wire);
        Assert.Equal(wire.Length - 1, end);
        Assert.Equal(ControlStatus.Ok, ControlProtocol.Parse(wire.AsSpan(0, end), out var r, out _));
        Assert.Equal("status", r.Verb);
        Assert.Equal(["json"], r.Args);
    }

    [Fact]
    public void A_carriage_return_before_the_newline_is_tolerated()
    {
        Assert.Equal(ControlStatus.Ok, Parse("appliance-control 1 version\r", out var r, out _));
        Assert.Equal("version", r.Verb);
    }

    [Theory]
    [InlineData("", 400, "must start with")]
    [InlineData("GET / HTTP/1.1", 400, "must start with")]
    [InlineData("appliance-control", 400, "no protocol version")]
    [InlineData("appliance-control x status", 400, "no protocol version")]
    [InlineData("appliance-control 1", 400, "no verb")]
    [InlineData("appliance-control 2 status", 505, "version 2 is not supported")]
    [InlineData("appliance-control 1 status\tjson", 400, "control character")]
    [InlineData("appliance-control 1 a 1 2 3 4 5 6 7 8 9", 400, "more than 8 arguments")]
    public void A_malformed_request_is_answered_with_a_status_and_a_sentence(string line, int expected, string says)
    {
        Assert.Equal((ControlStatus)expected, Parse(line, out _, out string error));
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_a_bad_request()
    {
        byte[] bad = [.. Encoding.ASCII.GetBytes("appliance-control 1 status "), 0xff, 0xfe];
        Assert.Equal(ControlStatus.BadRequest, ControlProtocol.Parse(bad, out _, out string error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_as_long_as_the_limit_is_too_large()
    {
        string line = "appliance-control 1 status " + new string('x', ControlProtocol.MaxRequestBytes);
        Assert.Equal(ControlStatus.TooLarge, Parse(line, out _, out _));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var rng = new Random(6527);
        var buf = new byte[ControlProtocol.MaxRequestBytes + 16];
        for (int i = 0; i < 20_000; i++)
        {
            int n = rng.Next(buf.Length);
            rng.NextBytes(buf.AsSpan(0, n));
            // Half of them get the right start, so the parser goes past the magic word too.
            if (i % 2 == 0 && n > 20) Encoding.ASCII.GetBytes("appliance-control 1 ").CopyTo(buf, 0);
            var status = ControlProtocol.Parse(buf.AsSpan(0, n), out _, out _);
            Assert.True(Enum.IsDefined(status));
            ControlProtocol.TryParseAnswer(buf.AsSpan(0, n), out _, out _, out _);
        }
    }

    [Fact]
    public void An_answer_round_trips_status_and_body()
    {
        byte[] a = ControlProtocol.FormatAnswer(ControlStatus.Refused, "k.conf:3:5: error\n");
        Assert.StartsWith("appliance-control 1 409 refused\n", Encoding.UTF8.GetString(a), StringComparison.Ordinal);
        Assert.True(ControlProtocol.TryParseAnswer(a, out var status, out string body, out _));
        Assert.Equal(ControlStatus.Refused, status);
        Assert.Equal("k.conf:3:5: error\n", body);
    }

    [Fact]
    public void An_answer_larger_than_the_limit_becomes_a_too_large_answer()
    {
        byte[] a = ControlProtocol.FormatAnswer(ControlStatus.Ok, new byte[ControlProtocol.MaxAnswerBytes]);
        Assert.True(ControlProtocol.TryParseAnswer(a, out var status, out _, out _));
        Assert.Equal(ControlStatus.TooLarge, status);
        Assert.True(a.Length < 1024);
    }

    [Fact]
    public void An_empty_or_headless_answer_is_reported_not_thrown()
    {
        Assert.False(ControlProtocol.TryParseAnswer([], out _, out _, out string e1));
        Assert.Contains("closed the connection", e1, StringComparison.Ordinal);
        Assert.False(ControlProtocol.TryParseAnswer("hello\n"u8, out _, out _, out string e2));
        Assert.Contains("status line", e2, StringComparison.Ordinal);
    }
}
