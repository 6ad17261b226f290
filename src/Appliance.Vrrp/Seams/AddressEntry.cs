namespace Appliance.Vrrp.Seams;

/// <summary>One address from an address dump.</summary>
/// <param name="InterfaceIndex">The interface the address is on.</param>
/// <param name="Prefix">Address and prefix length.</param>
/// <param name="Scope">rtnetlink scope.</param>
/// <param name="Flags">IFA_F_* flags.</param>
/// <param name="Label">IPv4 label, or null.</param>
public readonly record struct AddressEntry(int InterfaceIndex, IpPrefix Prefix, byte Scope, uint Flags, string? Label)
{
    /// <summary>IFA_F_SECONDARY (linux/if_addr.h).</summary>
    public const uint FlagSecondary = 0x01;

    /// <summary>IFA_F_SECONDARY: not the interface's primary address of its subnet.</summary>
    public bool IsSecondary => (Flags & FlagSecondary) != 0;
}
