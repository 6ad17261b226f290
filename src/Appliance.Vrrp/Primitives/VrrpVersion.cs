namespace Appliance.Vrrp;

/// <summary>The VRRP protocol version carried in the advertisement's version nibble.</summary>
public enum VrrpVersion : byte
{
    /// <summary>RFC 3768: IPv4 only, intervals in whole seconds, optional simple-text auth.</summary>
    V2 = 2,

    /// <summary>RFC 9568 (obsoletes RFC 5798): IPv4 and IPv6, intervals in centiseconds, no auth.</summary>
    V3 = 3,
}
