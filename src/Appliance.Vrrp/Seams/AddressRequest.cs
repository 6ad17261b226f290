namespace Appliance.Vrrp.Seams;

/// <summary>
/// An address to add or remove, with keepalived's per-VIP options. <see cref="NoDad"/> is set
/// for IPv6 VIPs: duplicate address detection would hold a taken-over VIP tentative for a
/// second, and the former master still answering for it is exactly the failover case.
/// </summary>
/// <param name="InterfaceIndex">The interface the address goes on.</param>
/// <param name="Prefix">Address and prefix length.</param>
/// <param name="Scope">rtnetlink scope (0 global, 253 link).</param>
/// <param name="Label">IPv4 label (keepalived's <c>label</c>), or null.</param>
/// <param name="Broadcast">IPv4 broadcast address, or null.</param>
/// <param name="NoDad">IFA_F_NODAD: skip duplicate address detection (IPv6).</param>
public readonly record struct AddressRequest(
    int InterfaceIndex,
    IpPrefix Prefix,
    byte Scope = 0,
    string? Label = null,
    IpAddr? Broadcast = null,
    bool NoDad = false);
