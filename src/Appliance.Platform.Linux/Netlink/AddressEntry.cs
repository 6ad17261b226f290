using Appliance.Vrrp;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>One address from an RTM_GETADDR dump.</summary>
public readonly record struct AddressEntry(int InterfaceIndex, IpPrefix Prefix, byte Scope, uint Flags, string? Label)
{
    /// <summary>IFA_F_SECONDARY: not the interface's primary address of its subnet.</summary>
    public bool IsSecondary => (Flags & Interop.Libc.IFA_F_SECONDARY) != 0;
}
