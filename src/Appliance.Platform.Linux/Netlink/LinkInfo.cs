using Appliance.Vrrp;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>One interface from an RTM_GETLINK dump or an RTM_NEWLINK event.</summary>
public readonly record struct LinkInfo(int Index, string Name, MacAddress Mac, uint Flags, string? Kind, int ParentIndex)
{
    /// <summary>Administratively up and the carrier is there (IFF_UP and IFF_RUNNING): the
    /// condition under which VRRP can run on the link.</summary>
    public bool IsOperational => (Flags & (Interop.Libc.IFF_UP | Interop.Libc.IFF_RUNNING)) == (Interop.Libc.IFF_UP | Interop.Libc.IFF_RUNNING);
}
