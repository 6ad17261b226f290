namespace Appliance.Vrrp;

/// <summary>The address family of a VRRP instance; one instance never mixes families (RFC 9568 §5.2.5).</summary>
public enum IpFamily : byte
{
    /// <summary>IPv4: 4-byte addresses, destination 224.0.0.18.</summary>
    IPv4 = 4,

    /// <summary>IPv6: 16-byte addresses, destination ff02::12, VRRPv3 only.</summary>
    IPv6 = 6,
}
