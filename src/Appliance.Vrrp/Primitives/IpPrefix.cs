namespace Appliance.Vrrp;

/// <summary>An address with its prefix length, as a virtual IP is configured (<c>192.0.2.1/24</c>).</summary>
public readonly record struct IpPrefix(IpAddr Address, byte PrefixLength)
{
    /// <summary>Parses <c>addr</c> or <c>addr/len</c>; a missing length means a host route (/32 or /128).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpPrefix prefix)
    {
        prefix = default;
        int slash = text.IndexOf('/');
        if (!IpAddr.TryParse(slash < 0 ? text : text[..slash], out var a)) return false;
        int max = a.Family == IpFamily.IPv4 ? 32 : 128;
        int len = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, null, out len) || len > max))
            return false;
        prefix = new IpPrefix(a, (byte)len);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static IpPrefix Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not an address or address/prefix");

    /// <summary>The family of the address.</summary>
    public IpFamily Family => Address.Family;

    /// <summary><c>addr/len</c>.</summary>
    public override string ToString() => $"{Address}/{PrefixLength}";
}
