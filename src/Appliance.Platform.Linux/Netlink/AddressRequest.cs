using Appliance.Vrrp;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>
/// An address to add or remove, with keepalived's per-VIP options. <see cref="NoDad"/> is set
/// for IPv6 VIPs: duplicate address detection would hold a taken-over VIP tentative for a
/// second, and the former master still answering for it is exactly the failover case.
/// </summary>
public readonly record struct AddressRequest(
    int InterfaceIndex,
    IpPrefix Prefix,
    byte Scope = 0,
    string? Label = null,
    IpAddr? Broadcast = null,
    bool NoDad = false);
