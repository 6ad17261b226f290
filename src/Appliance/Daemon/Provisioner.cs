using Appliance.Config.Model;
using Appliance.Platform.Linux.Files;
using Appliance.Platform.Linux.Interop;
using Appliance.Platform.Linux.Netlink;
using Appliance.Platform.Linux.Packet;
using Appliance.Platform.Linux.Sockets;
using Appliance.Platform.Linux.Sysctl;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;
using Serilog;
using Appliance.Host;
using Appliance.Host.Logging;

namespace Appliance.Daemon;

/// <summary>
/// Puts on the system what instances need and takes it away again: the single-instance lock, VMAC
/// interfaces and their sysctls, primary addresses, VIP requests, stale VIPs left by an earlier run,
/// VRRP sockets, GARP frames, the pid file. Building an instance never touches a running one; what
/// it creates is recorded in a <see cref="Preparation"/> so a failed start-up or reload is undone.
/// </summary>
internal sealed class Provisioner : IDisposable
{
    private readonly ILogger _log;
    private readonly DropLog _dropLog;
    private readonly SinkSet _sinks;
    private readonly ActionBuffer _actions = new();

    public Provisioner(ILogger log, DropLog dropLog, SinkSet sinks)
    {
        _log = log;
        _dropLog = dropLog;
        _sinks = sinks;
    }

    public LinkTable Links { get; } = new();

    public AddressTable Addresses { get; } = new();

    public PacketSocket Packet { get; } = new();

    /// <summary>One daemon per network namespace and configuration file: taken before anything on
    /// the system is touched (stale VIPs, pid and status files). The loser exits naming the holder.</summary>
    /// <exception cref="DaemonStartupException">Another daemon holds the lock, or it cannot be taken.</exception>
    public static InstanceLock AcquireLock(string configPath, string directory)
    {
        string full = Path.GetFullPath(configPath);
        uint hash = Crc32COf(full);
        string path = Path.Combine(directory, $"appliance-{RuntimePaths.Tag()}-{hash:x8}.lock");
        try
        {
            Directory.CreateDirectory(directory);
            return InstanceLock.TryAcquire(path, out int holder) ?? throw new DaemonStartupException(
                $"another appliance daemon (pid {(holder != 0 ? holder.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown")}) already runs {full} in this network namespace (lock file {path}); stop it first, or use a different configuration file");
        }
        catch (PlatformException e)
        {
            throw new DaemonStartupException($"cannot take the single-instance lock {path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartupException($"cannot create {directory} for the single-instance lock: {e.Message}");
        }
    }

    private static uint Crc32COf(string s) => Appliance.Heartbeat.Wire.Crc32C.Compute(System.Text.Encoding.UTF8.GetBytes(s));

    /// <summary>Writes the pid file; a failure is a start-up error sentence, not an exception trace.</summary>
    public static void WritePidFile(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, $"{Environment.ProcessId}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartupException($"cannot write the pid file {path}: {e.Message}; choose another with -p PATH");
        }
    }

    /// <summary>
    /// Builds the host for <paramref name="cfg"/>: resolves interfaces, creates its VMAC, finds its
    /// primary address, opens (or shares) its socket and prepares its GARP frames. Running hosts are
    /// only read. Throws with the instance's file and line; the caller undoes <paramref name="tx"/>.
    /// </summary>
    public InstanceHost Prepare(VrrpInstanceConfig cfg, GlobalSettings global, List<LinkInfo> links, List<AddressEntry> addresses,
        IReadOnlyList<VrrpLink> running, IReadOnlyList<InstanceHost> runningHosts, Preparation tx)
    {
        var s = cfg.Protocol;
        var family = s.Family;
        LinkInfo baseLink = FindLink(links, cfg.Interface) ?? throw new InterfaceMissingException(
            $"{cfg.Location}: instance {s.Name}: interface '{cfg.Interface}' does not exist");
        LinkInfo sendLink = baseLink;
        MacAddress mac = baseLink.Mac;
        bool adopted = false;
        if (cfg.UseVmac)
        {
            sendLink = Adoptable(cfg, baseLink, links, runningHosts, tx) is { } vmac ? vmac : CreateVmac(cfg, baseLink, tx);
            adopted = tx.AdoptedVmacs.Contains(sendLink.Index);
            mac = sendLink.Mac;
        }
        // IPv6 with a VMAC: the source is the parent's link-local address, put on the VMAC too
        // (as keepalived does): all routers' VMACs share one MAC, so the VMAC's own EUI-64
        // address would be the same on every router.
        IpAddr primary = PrimaryAddress(cfg, cfg.UseVmac && family == IpFamily.IPv6 ? baseLink : sendLink, baseLink, addresses);
        if (cfg.UseVmac && family == IpFamily.IPv6)
        {
            var e = Addresses.Add(new AddressRequest(sendLink.Index, new IpPrefix(primary, 64), Scope: 253, NoDad: true));
            if (e.Value != 0 && !(adopted && e.Value == Errno.EEXIST))
                throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: adding {primary} to {sendLink.Name} failed: {e}");
        }
        var vips = new List<AddressRequest>();
        foreach (var v in cfg.VirtualAddresses) vips.Add(ToRequest(cfg, v, links, sendLink));
        foreach (var v in cfg.ExcludedAddresses) vips.Add(ToRequest(cfg, v, links, sendLink));

        // keepalived's mcast_dst_ip, else the global group: where adverts go and what the socket joins.
        var group = cfg.MulticastDestination ?? (family == IpFamily.IPv4 ? global.MulticastGroup4 : global.MulticastGroup6);
        var link = FindOrOpenLink(cfg, sendLink, family, group, running, tx);
        if (link.Holder(s.Vrid) is { } holder && !tx.Leaving.Contains(holder) || !tx.Claims.Add((link, s.Vrid)))
            throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: VRID {s.Vrid} is already used by another {family} instance on {sendLink.Name}");
        var frames = new List<byte[]>();
        foreach (var v in vips)
        {
            if (v.Prefix.Family != family) continue;
            if (family == IpFamily.IPv4)
            {
                var f = new byte[ArpFrame.Length];
                ArpFrame.BuildGratuitous(f, mac, v.Prefix.Address);
                frames.Add(f);
            }
            else
            {
                var f = new byte[NeighborAdvertFrame.Length];
                NeighborAdvertFrame.Build(f, mac, primary, v.Prefix.Address);
                frames.Add(f);
            }
        }
        var (lowerRepeat, lowerDelay) = GarpSettings.ResolveLowerPriority(cfg.Garp, global.Garp);
        var announcer = new Announcer([.. frames], Packet, sendLink.Index, cfg.Garp ?? global.Garp, family)
        {
            LowerPriorityRepeat = lowerRepeat,
            LowerPriorityDelay = lowerDelay,
        };
        var instance = new Instance(s, primary);
        var host = new InstanceHost(cfg, instance, link, primary, [.. vips], group, announcer, Addresses, _actions, _log, _dropLog, [_sinks])
        {
            BaseInterfaceIndex = baseLink.Index,
            VmacIndex = cfg.UseVmac ? sendLink.Index : 0,
        };
        tx.Hosts.Add(host);
        tx.Details[host] = new Preparation.HostDetails([.. vips], group);
        return host;
    }

    /// <summary>Logs the host's summary line once it runs.</summary>
    public void Announce(InstanceHost host, Preparation tx)
    {
        var d = tx.Details[host];
        _log.Information("{Prefix} primary address {Primary}, {Count} VIP(s), {Mode}", host.Prefix, host.Primary.ToString(), d.Vips.Length,
            host.IsUnicast ? "unicast peers" : "multicast " + d.Group.ToString());
    }

    /// <summary>Deletes what a failed preparation created: its VMACs (with their sysctls and
    /// addresses) and its sockets. Best effort: every step is tried and logged.</summary>
    public void Undo(Preparation tx)
    {
        foreach (var l in tx.OpenedLinks) l.Dispose();
        foreach (int index in tx.CreatedVmacs)
        {
            var e = Links.Delete(index);
            if (e.Value != 0) _log.Warning("undo: deleting VMAC interface {Index} failed: {Error}", index, e.ToString());
        }
        tx.OpenedLinks.Clear();
        tx.CreatedVmacs.Clear();
        tx.Hosts.Clear();
        tx.Details.Clear();
    }

    // keepalived leaves its VIPs behind after SIGKILL; at start-up nobody is master yet, so any
    // of our VIPs still on our interfaces is stale. The primary address is never touched. Only at
    // start-up, under the single-instance lock: at a reload the VIPs present belong to instances
    // that are running (and a replaced instance removed its own).
    public void CleanStaleVips(InstanceHost host, Preparation tx, List<AddressEntry> present)
    {
        var cfg = host.Config;
        foreach (var v in tx.Details[host].Vips)
        {
            if (v.Prefix.Address == host.Primary) continue;
            foreach (var a in present)
            {
                if (a.InterfaceIndex != v.InterfaceIndex || a.Prefix.Address != v.Prefix.Address) continue;
                // An unlabelled non-secondary IPv4 address that is not ours by label may be the
                // interface's own address reused as a VIP by an owner; keep it.
                if (cfg.Protocol.IsOwner && !a.IsSecondary) continue;
                var e = Addresses.Delete(v with { Prefix = a.Prefix });
                _log.Warning("[VRID {Vrid}] removed stale VIP {Vip} left on interface {Index} by an earlier run ({Result})",
                    cfg.Protocol.Vrid, a.Prefix.ToString(), a.InterfaceIndex, e.Value == 0 ? "ok" : e.ToString());
            }
        }
    }

    /// <summary>Deletes a VMAC interface an instance created (the instance is gone).</summary>
    public void DeleteVmac(int index)
    {
        var e = Links.Delete(index);
        if (e.Value != 0) _log.Warning("deleting VMAC interface {Index} failed: {Error}", index, e.ToString());
    }

    // A replaced instance's VMAC with the same name on the same parent is taken over by its
    // replacement instead of being created again (the name would collide while the old one runs).
    private static LinkInfo? Adoptable(VrrpInstanceConfig cfg, LinkInfo baseLink, List<LinkInfo> links, IReadOnlyList<InstanceHost> runningHosts, Preparation tx)
    {
        string name = VmacName(cfg);
        foreach (var h in runningHosts)
        {
            if (h.VmacIndex == 0 || !tx.Leaving.Contains(h) || h.BaseInterfaceIndex != baseLink.Index || tx.AdoptedVmacs.Contains(h.VmacIndex)) continue;
            foreach (var l in links)
            {
                if (l.Index != h.VmacIndex || l.Name != name || l.Mac != MacAddress.Virtual(cfg.Protocol.Family, cfg.Protocol.Vrid)) continue;
                tx.AdoptedVmacs.Add(l.Index);
                return l;
            }
        }
        return null;
    }

    private static string VmacName(VrrpInstanceConfig cfg) => cfg.VmacInterface ?? $"vrrp.{cfg.Protocol.Vrid}";

    private LinkInfo CreateVmac(VrrpInstanceConfig cfg, LinkInfo baseLink, Preparation tx)
    {
        var s = cfg.Protocol;
        string name = VmacName(cfg);
        var mac = MacAddress.Virtual(s.Family, s.Vrid);
        var e = Links.CreateMacvlan(name, baseLink.Index, mac, noLinkLocal: s.Family == IpFamily.IPv6);
        if (e.Value != 0) throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: creating VMAC interface {name} failed: {e}");
        var vmac = Links.Find(name) ?? throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: VMAC interface {name} vanished after creation");
        tx.CreatedVmacs.Add(vmac.Index);
        if (s.Family == IpFamily.IPv4)
        {
            // keepalived's VMAC sysctls: only the macvlan answers ARP for the VIPs it carries.
            ProcSys.SetIpv4Conf(name, "arp_ignore", "1");
            ProcSys.SetIpv4Conf(name, "arp_filter", "1");
            ProcSys.SetIpv4Conf(name, "accept_local", "1");
            ProcSys.SetIpv4Conf(name, "rp_filter", "0");
        }
        _log.Information("[VRID {Vrid}] VMAC interface {Name} ({Mac}) on {Parent}", s.Vrid, name, mac.ToString(), baseLink.Name);
        return vmac;
    }

    private static IpAddr PrimaryAddress(VrrpInstanceConfig cfg, LinkInfo sendLink, LinkInfo baseLink, List<AddressEntry> addresses)
    {
        var s = cfg.Protocol;
        if (cfg.UnicastSource is { } src) return src;
        if (s.Family == IpFamily.IPv6)
        {
            // RFC 9568 §5.1.2.1: the source is the link-local address of the sending interface.
            foreach (var a in addresses)
                if (a.InterfaceIndex == sendLink.Index && a.Prefix.Address.IsIPv6LinkLocal && !IsVip(cfg, a.Prefix.Address)) return a.Prefix.Address;
            throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: {sendLink.Name} has no IPv6 link-local address");
        }
        foreach (var a in addresses)
            if (a.InterfaceIndex == baseLink.Index && a.Prefix.Family == IpFamily.IPv4 && !a.IsSecondary && !IsVip(cfg, a.Prefix.Address)) return a.Prefix.Address;
        foreach (var a in addresses)
            if (a.InterfaceIndex == baseLink.Index && a.Prefix.Family == IpFamily.IPv4 && !IsVip(cfg, a.Prefix.Address)) return a.Prefix.Address;
        throw new DaemonStartupException($"{cfg.Location}: instance {s.Name}: {baseLink.Name} has no IPv4 address to send adverts from");
    }

    private static bool IsVip(VrrpInstanceConfig cfg, IpAddr a)
    {
        foreach (var v in cfg.VirtualAddresses)
            if (v.Prefix.Address == a) return true;
        foreach (var v in cfg.ExcludedAddresses)
            if (v.Prefix.Address == a) return true;
        return false;
    }

    private static AddressRequest ToRequest(VrrpInstanceConfig cfg, VirtualAddress v, List<LinkInfo> links, LinkInfo sendLink)
    {
        int index = sendLink.Index;
        if (v.Device is { } dev)
            index = (FindLink(links, dev) ?? throw new DaemonStartupException($"{cfg.Location}: VIP {v.Prefix}: interface '{dev}' does not exist")).Index;
        if (!AddressScope.TryParse(v.Scope, out byte scope))
            throw new DaemonStartupException($"{cfg.Location}: VIP {v.Prefix}: unknown scope '{v.Scope}'");
        if (v.Scope is null && v.Prefix.Address.IsIPv6LinkLocal) scope = 253;
        return new AddressRequest(index, v.Prefix, scope, v.Label, v.Broadcast, NoDad: v.Prefix.Family == IpFamily.IPv6);
    }

    private static VrrpLink FindOrOpenLink(VrrpInstanceConfig cfg, LinkInfo link, IpFamily family, IpAddr group, IReadOnlyList<VrrpLink> running, Preparation tx)
    {
        foreach (var l in running)
            if (l.Socket.InterfaceIndex == link.Index && l.Socket.Family == family) return Joined(cfg, l, group);
        foreach (var l in tx.OpenedLinks)
            if (l.Socket.InterfaceIndex == link.Index && l.Socket.Family == family) return Joined(cfg, l, group);
        VrrpSocket socket;
        try
        {
            socket = VrrpSocket.Open(family, link.Name, link.Index, group);
        }
        catch (PlatformException e)
        {
            throw new DaemonStartupException($"{cfg.Location}: instance {cfg.Protocol.Name}: opening the {family} VRRP socket on {link.Name} failed: {e.Message}");
        }
        var created = new VrrpLink(socket);
        tx.OpenedLinks.Add(created);
        return created;
    }

    // A shared socket joins each instance's group (mcast_dst_ip) too. A group joined for an instance
    // that a reload removes stays joined: its adverts are then dropped by destination, and a
    // membership costs the kernel one list entry.
    private static VrrpLink Joined(VrrpInstanceConfig cfg, VrrpLink link, IpAddr group)
    {
        if (link.Socket is not VrrpSocket socket) return link;
        try
        {
            socket.Join(group);
        }
        catch (PlatformException e)
        {
            throw new DaemonStartupException($"{cfg.Location}: instance {cfg.Protocol.Name}: joining {group} on {link.Name} failed: {e.Message}");
        }
        return link;
    }

    private static LinkInfo? FindLink(List<LinkInfo> links, string name)
    {
        foreach (var l in links)
            if (l.Name == name) return l;
        return null;
    }

    public void Dispose()
    {
        Packet.Dispose();
        Addresses.Dispose();
        Links.Dispose();
    }
}
