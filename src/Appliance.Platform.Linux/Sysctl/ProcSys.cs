namespace Appliance.Platform.Linux.Sysctl;

/// <summary>
/// Writes the /proc/sys settings keepalived sets for a VMAC interface: with several interfaces
/// on one wire, the base interface must not answer ARP for the VIPs that live on the macvlan
/// (arp_ignore=1, arp_filter=1 on the macvlan; arp_ignore=1 on the parent too), or the switch
/// learns the VIP on the physical MAC and a failover leaves clients pointing at the old box.
/// </summary>
public static class ProcSys
{
    /// <summary>Writes <paramref name="value"/> to /proc/sys/net/ipv4/conf/<paramref name="interfaceName"/>/<paramref name="key"/>.</summary>
    public static void SetIpv4Conf(string interfaceName, string key, string value) =>
        File.WriteAllText($"/proc/sys/net/ipv4/conf/{interfaceName}/{key}", value);

    /// <summary>Reads a value (for restoring and for tests).</summary>
    public static string GetIpv4Conf(string interfaceName, string key) =>
        File.ReadAllText($"/proc/sys/net/ipv4/conf/{interfaceName}/{key}").Trim();
}
