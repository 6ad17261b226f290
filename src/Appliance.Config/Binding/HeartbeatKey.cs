using System.Collections.Immutable;

namespace Appliance.Config.Binding;

/// <summary>
/// A heartbeat channel's HMAC key as written in either format: hexadecimal, at least
/// <see cref="MinBytes"/> bytes. A key that does not meet this is an error in both formats, never a
/// warning: a channel that silently ran without authentication would let anyone on the path forge
/// "the master is alive" (issue 10).
/// </summary>
internal static class HeartbeatKey
{
    /// <summary>The shortest key accepted: 16 bytes (128 bits), 32 hex digits.</summary>
    public const int MinBytes = 16;

    /// <summary>The fix every key message ends with.</summary>
    public const string Fix = "generate one with: openssl rand -hex 32";

    /// <summary>Parses <paramref name="hex"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string hex, out ImmutableArray<byte> key, out string? error)
    {
        key = [];
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            error = "key must be hexadecimal: an even number of 0-9a-f digits";
            return false;
        }
        if (bytes.Length < MinBytes)
        {
            error = $"key is {bytes.Length} byte(s); a heartbeat key needs at least {MinBytes} bytes ({2 * MinBytes} hex digits)";
            return false;
        }
        key = [.. bytes];
        error = null;
        return true;
    }
}
