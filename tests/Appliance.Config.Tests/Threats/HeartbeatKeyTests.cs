using Appliance.Config.Diagnostics;
using Appliance.Config.Tests.Support;

namespace Appliance.Config.Tests.Threats;

/// <summary>
/// Issue 10, "heartbeat authentication can silently vanish": a key that is not hexadecimal or shorter
/// than 16 bytes is an error in both formats (no model, so no channel runs without its HMAC), located,
/// with the fix in the message.
/// </summary>
public sealed class HeartbeatKeyTests
{
    private const string GoodKey = "00112233445566778899aabbccddeeff";

    private static ConfigLoadResult Conf(string key) => Load.Conf(Load.Instance("    virtual_ipaddress { 10.0.0.1 }") + $$"""

        appliance_heartbeat {
            channel lan2 {
                interface eth1
                local_address 192.168.9.1
                peer_address 192.168.9.2
                key {{key}}
            }
        }
        """);

    private static ConfigLoadResult Toml(string key) => Load.Toml($$"""
        [[instance]]
        name = "VI_1"
        interface = "eth0"
        vrid = 51
        virtual_addresses = ["10.0.0.1"]

        [[heartbeat.channel]]
        name = "lan2"
        interface = "eth1"
        local_address = "192.168.9.1"
        peer_address = "192.168.9.2"
        key = "{{key}}"
        """);

    [Theory]
    [InlineData("not-hex-at-all-not-hex-at-all-xx", "key must be hexadecimal")]
    [InlineData("00", "key is 1 byte(s); a heartbeat key needs at least 16 bytes (32 hex digits)")]
    [InlineData("00112233445566778899aabbccddee", "key is 15 byte(s)")]
    public void A_forgeable_key_in_keepalived_syntax_is_an_error_not_a_channel_without_hmac(string key, string message)
    {
        var r = Conf(key);

        var d = Assert.Single(r.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal((11, 13), (d.Location.Line, d.Location.Column));
        Assert.Contains(message, d.Message);
        Assert.Contains("channel lan2", d.Message);
        Assert.Equal("generate one with: openssl rand -hex 32", d.Hint);
        Assert.Null(r.Config);
    }

    [Theory]
    [InlineData("not-hex-at-all-not-hex-at-all-xx", "key must be hexadecimal")]
    [InlineData("00", "key is 1 byte(s); a heartbeat key needs at least 16 bytes (32 hex digits)")]
    public void A_forgeable_key_in_toml_is_an_error(string key, string message)
    {
        var r = Toml(key);

        var d = Assert.Single(r.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(12, d.Location.Line);
        Assert.Contains(message, d.Message);
        Assert.Equal("generate one with: openssl rand -hex 32", d.Hint);
        Assert.Null(r.Config);
    }

    [Fact]
    public void A_16_byte_hex_key_is_accepted_in_both_formats()
    {
        Assert.Equal(16, Load.Ok(Conf(GoodKey)).Heartbeat.Channels[0].Key.Length);
        Assert.Equal(16, Load.Ok(Toml(GoodKey)).Heartbeat.Channels[0].Key.Length);
    }
}
