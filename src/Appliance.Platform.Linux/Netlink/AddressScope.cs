using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>keepalived's (and ip(8)'s) scope names and their rtnetlink values.</summary>
public static class AddressScope
{
    /// <summary>Maps global/site/link/host/nowhere (or a number) to RT_SCOPE_*; null or empty is global.</summary>
    public static bool TryParse(string? name, out byte scope)
    {
        scope = RT_SCOPE_UNIVERSE;
        switch (name)
        {
            case null or "" or "global": return true;
            case "site": scope = RT_SCOPE_SITE; return true;
            case "link": scope = RT_SCOPE_LINK; return true;
            case "host": scope = RT_SCOPE_HOST; return true;
            case "nowhere": scope = RT_SCOPE_NOWHERE; return true;
            default: return byte.TryParse(name, out scope);
        }
    }
}
