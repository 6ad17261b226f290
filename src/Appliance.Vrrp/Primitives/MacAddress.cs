namespace Appliance.Vrrp;

/// <summary>A 48-bit Ethernet address held in the low bits of a <see cref="ulong"/> (network order).</summary>
public readonly record struct MacAddress(ulong Value)
{
    /// <summary>The VRRP virtual MAC, 00-00-5E-00-01-{VRID} for IPv4 and 00-00-5E-00-02-{VRID} for IPv6 (RFC 9568 §7.3).</summary>
    public static MacAddress Virtual(IpFamily family, byte vrid) =>
        new(0x00005E000000UL | ((family == IpFamily.IPv4 ? 1UL : 2UL) << 8) | vrid);

    /// <summary>ff:ff:ff:ff:ff:ff.</summary>
    public static MacAddress Broadcast => new(0xFFFFFFFFFFFFUL);

    /// <summary>Reads 6 bytes.</summary>
    public static MacAddress Read(ReadOnlySpan<byte> b) =>
        new(((ulong)b[0] << 40) | ((ulong)b[1] << 32) | ((ulong)b[2] << 24) | ((ulong)b[3] << 16) | ((ulong)b[4] << 8) | b[5]);

    /// <summary>Writes 6 bytes.</summary>
    public void WriteTo(Span<byte> b)
    {
        for (int i = 0; i < 6; i++) b[i] = (byte)(Value >> (40 - 8 * i));
    }

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c> (or with dashes).</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out MacAddress mac)
    {
        mac = default;
        if (s.Length != 17) return false;
        ulong v = 0;
        for (int i = 0; i < 6; i++)
        {
            if (i > 0 && s[i * 3 - 1] is not (':' or '-')) return false;
            if (!byte.TryParse(s.Slice(i * 3, 2), System.Globalization.NumberStyles.HexNumber, null, out byte part)) return false;
            v = (v << 8) | part;
        }
        mac = new MacAddress(v);
        return true;
    }

    /// <summary><c>00:00:5e:00:01:33</c>.</summary>
    public override string ToString()
    {
        Span<byte> b = stackalloc byte[6];
        WriteTo(b);
        return $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}";
    }
}
