namespace Appliance.Vrrp.Wire;

/// <summary>
/// How a VRRP checksum was (or is to be) computed. VRRPv3 over IPv4 is the interop trap: RFC 9568
/// says no pseudo-header, keepalived and FRR add one by default, and old keepalived put the
/// multicast group into it even for unicast. Receive accepts every form and reports which matched.
/// </summary>
public enum ChecksumForm : byte
{
    /// <summary>One's-complement sum over the VRRP message alone (v2; v3/IPv4 per RFC 9568; Cisco/Juniper).</summary>
    MessageOnly = 0,

    /// <summary>With an IP pseudo-header built from the real source and destination (v3/IPv6 always;
    /// v3/IPv4 as keepalived and FRR send by default).</summary>
    PseudoHeader = 1,

    /// <summary>IPv4 pseudo-header with 224.0.0.18 as destination even for unicast (old keepalived,
    /// <c>old_unicast_checksum</c>).</summary>
    PseudoHeaderMulticastDestination = 2,
}
