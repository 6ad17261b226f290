namespace Appliance.Config.Schema;

public static partial class Keywords
{
    private const string Trackers = "this tracker kind is not implemented; the priority does not follow it";

    /// <summary>The instance name (vrrp_instance's argument).</summary>
    public static readonly Keyword InstanceName = Add(new() { Block = I, Toml = "instance.name", Kind = ValueKind.Text, Summary = "the instance's name (keepalived: vrrp_instance NAME); required" });
    /// <summary>state.</summary>
    public static readonly Keyword State = Add(new() { Block = I, Name = "state", Toml = "instance.state", Kind = ValueKind.Choice, Allowed = ["MASTER", "BACKUP"], DefaultText = "BACKUP", Summary = "start as master (without waiting for the master-down timer) or backup; TOML spells it lower case" });
    /// <summary>interface.</summary>
    public static readonly Keyword Interface = Add(new() { Block = I, Name = "interface", Toml = "instance.interface", Kind = ValueKind.Text, Summary = "interface adverts are sent and received on; required" });
    /// <summary>virtual_router_id.</summary>
    public static readonly Keyword Vrid = Add(new() { Block = I, Name = "virtual_router_id", Toml = "instance.vrid", Kind = ValueKind.Integer, Min = 1, Max = 255, Summary = "the VRID; required" });
    /// <summary>priority.</summary>
    public static readonly Keyword Priority = Add(new() { Block = I, Name = "priority", Toml = "instance.priority", Kind = ValueKind.Integer, Min = 1, Max = 255, Default = 100, Summary = "255: address owner" });
    /// <summary>advert_int.</summary>
    public static readonly Keyword AdvertInt = Add(new() { Block = I, Name = "advert_int", Toml = "instance.advert_int", Kind = ValueKind.Seconds, Min = 0.01, Max = 255, Default = 1, Unit = "s", Summary = "advert interval (v2: whole seconds; v3: up to 40.95 s)" });
    /// <summary>version.</summary>
    public static readonly Keyword Version = Add(new() { Block = I, Name = "version", Toml = "instance.version", Kind = ValueKind.Integer, Min = 2, Max = 3, DefaultText = "vrrp_version (IPv6: 3)", Summary = "VRRP version" });
    /// <summary>preempt / nopreempt.</summary>
    public static readonly Keyword Preempt = Add(new() { Block = I, Name = "preempt", Toml = "instance.preempt", Kind = ValueKind.Bool, DefaultText = "on", Summary = "take over from a lower-priority master" });
    /// <summary>nopreempt.</summary>
    public static readonly Keyword NoPreempt = Add(new() { Block = I, Name = "nopreempt", Kind = ValueKind.Flag, Summary = "preempt off (TOML: preempt = false)" });
    /// <summary>preempt_delay.</summary>
    public static readonly Keyword PreemptDelay = Add(new() { Block = I, Name = "preempt_delay", Toml = "instance.preempt_delay", Kind = ValueKind.Seconds, Min = 0, Max = 1000, Default = 0, Unit = "s", Summary = "wait this long after start before preempting" });
    /// <summary>preempt_at_once.</summary>
    public static readonly Keyword PreemptAtOnce = Add(new() { Block = I, Name = "preempt_at_once", Toml = "instance.preempt_at_once", Kind = ValueKind.Bool, DefaultText = "off", Summary = "preempt as soon as a lower-priority advert arrives (keepalived's way) rather than when the timer fires (RFC)" });
    /// <summary>accept.</summary>
    public static readonly Keyword Accept = Add(new() { Block = I, Name = "accept", Toml = "instance.accept", Kind = ValueKind.Flag, DefaultText = "on (off with vrrp_strict)", Summary = "accept mode: a non-owner master accepts packets for its VIPs (off: an nftables table of the daemon's refuses them, Neighbor Discovery excepted)" });
    /// <summary>no_accept.</summary>
    public static readonly Keyword NoAccept = Add(new() { Block = I, Name = "no_accept", Kind = ValueKind.Flag, Summary = "accept mode off (TOML: accept = false)" });
    /// <summary>authentication block.</summary>
    public static readonly Keyword Authentication = Add(new() { Block = I, Name = "authentication", Kind = ValueKind.Block, Summary = "v2 simple password (auth_type PASS, auth_pass)" });
    /// <summary>The checksum form of v3 IPv4 adverts sent by this instance (keepalived: old_unicast_checksum).</summary>
    public static readonly Keyword InstanceV3Checksum = Add(new() { Block = I, Name = "old_unicast_checksum", Toml = "instance.v3_ipv4_checksum", Kind = ValueKind.Choice, Allowed = ["message-only", "pseudo-header", "pseudo-header-multicast"], DefaultText = "the global setting", Summary = "v3 IPv4 checksum sent; keepalived's old_unicast_checksum is pseudo-header-multicast" });
    /// <summary>down_timer_adverts.</summary>
    public static readonly Keyword DownTimerAdverts = Add(new() { Block = I, Name = "down_timer_adverts", Toml = "instance.down_timer_adverts", Kind = ValueKind.Integer, Min = 1, Max = 100, Default = 3, Summary = "adverts missed before the master is declared down (the RFC's 3)" });
    /// <summary>lower_prio_no_advert (TOML: advert_on_lower_priority, inverted).</summary>
    public static readonly Keyword LowerPrioNoAdvert = Add(new() { Block = I, Name = "lower_prio_no_advert", Toml = "instance.advert_on_lower_priority", Kind = ValueKind.Bool, DefaultText = "adverts are sent", Summary = "whether a master answers a lower-priority advert with one of its own (TOML: advert_on_lower_priority, the opposite sense)" });
    /// <summary>higher_prio_send_advert.</summary>
    public static readonly Keyword HigherPrioSendAdvert = Add(new() { Block = I, Name = "higher_prio_send_advert", Toml = "instance.advert_on_higher_priority", Kind = ValueKind.Bool, DefaultText = "off (vrrp_higher_prio_send_advert)", Summary = "a master that hears a higher priority sends one advert of its own before it becomes backup" });
    /// <summary>virtual_ipaddress.</summary>
    public static readonly Keyword VirtualIpaddress = Add(new() { Block = I, Name = "virtual_ipaddress", Toml = "instance.virtual_addresses", Kind = ValueKind.List, Summary = "the VIPs: ADDR[/LEN] [dev IF] [brd ADDR] [scope S] [label L] [no_track]" });
    /// <summary>virtual_ipaddress_excluded.</summary>
    public static readonly Keyword VirtualIpaddressExcluded = Add(new() { Block = I, Name = "virtual_ipaddress_excluded", Toml = "instance.excluded_addresses", Kind = ValueKind.List, Summary = "addresses added with the VIPs but not advertised" });
    /// <summary>virtual_routes.</summary>
    public static readonly Keyword VirtualRoutes = Add(new() { Block = I, Name = "virtual_routes", Toml = "instance.virtual_routes", Kind = ValueKind.List, Status = KeywordStatus.NotActed, Reason = "routes are not installed", Summary = "routes added while master" });
    /// <summary>virtual_rules.</summary>
    public static readonly Keyword VirtualRules = Add(NotActed(I, "virtual_rules", "policy rules are not installed", ValueKind.List));
    /// <summary>unicast_src_ip / mcast_src_ip.</summary>
    public static readonly Keyword UnicastSrcIp = Add(new() { Block = I, Name = "unicast_src_ip", Aliases = ["mcast_src_ip"], Toml = "instance.unicast_source", Kind = ValueKind.Address, DefaultText = "the interface's primary address", Summary = "source address of adverts" });
    /// <summary>unicast_peer.</summary>
    public static readonly Keyword UnicastPeer = Add(new() { Block = I, Name = "unicast_peer", Toml = "instance.unicast_peers", Kind = ValueKind.List, DefaultText = "none: multicast", Summary = "peers to send adverts to by unicast (the TTL check is then off)" });
    /// <summary>unicast_ttl.</summary>
    public static readonly Keyword UnicastTtl = Add(new() { Block = I, Name = "unicast_ttl", Toml = "instance.unicast_ttl", Kind = ValueKind.Integer, Min = 0, Max = 255, DefaultText = "255", Summary = "TTL / hop limit of adverts sent to unicast peers (needs unicast_peer)" });
    /// <summary>mcast_dst_ip.</summary>
    public static readonly Keyword McastDstIp = Add(new() { Block = I, Name = "mcast_dst_ip", Toml = "instance.mcast_dst_ip", Kind = ValueKind.Address, DefaultText = "vrrp_mcast_group4 / vrrp_mcast_group6", Summary = "this instance's multicast group: adverts go to it, the socket joins it, and adverts sent to another group are dropped (GroupMismatch)" });
    /// <summary>check_unicast_src.</summary>
    public static readonly Keyword CheckUnicastSrc = Add(new() { Block = I, Name = "check_unicast_src", Toml = "instance.check_unicast_src", Kind = ValueKind.Flag, DefaultText = "off (vrrp_check_unicast_src): adverts from any source are heard", Summary = "with unicast peers, drop adverts whose source is not one of them (UnknownPeer)" });
    /// <summary>use_vmac.</summary>
    public static readonly Keyword UseVmac = Add(new() { Block = I, Name = "use_vmac", Toml = "instance.use_vmac", Kind = ValueKind.Flag, Summary = "advertise from a macvlan with the virtual MAC; an optional word names it" });
    /// <summary>The VMAC interface name (keepalived: use_vmac's word).</summary>
    public static readonly Keyword VmacInterface = Add(new() { Block = I, Toml = "instance.vmac_interface", Kind = ValueKind.Text, DefaultText = "vrrp.VRID", Summary = "name of the VMAC interface (keepalived: use_vmac NAME)" });
    /// <summary>dont_track_primary.</summary>
    public static readonly Keyword DontTrackPrimary = Add(new() { Block = I, Name = "dont_track_primary", Toml = "instance.dont_track_primary", Kind = ValueKind.Flag, Summary = "ignore faults of the instance's own interface" });
    /// <summary>track_interface.</summary>
    public static readonly Keyword TrackInterface = Add(new() { Block = I, Name = "track_interface", Toml = "instance.track_interfaces", Kind = ValueKind.List, Summary = "interfaces whose state changes the priority (NAME [weight W])" });
    /// <summary>track_script.</summary>
    public static readonly Keyword TrackScript = Add(new() { Block = I, Name = "track_script", Toml = "instance.track_scripts", Kind = ValueKind.List, Summary = "vrrp_scripts whose result changes the priority" });
    /// <summary>track_process in an instance.</summary>
    public static readonly Keyword TrackProcessRef = Add(new() { Block = I, Name = "track_process", Toml = "instance.track_processes", Kind = ValueKind.List, Summary = "vrrp_track_processes whose quorum changes the priority" });
    /// <summary>track_file.</summary>
    public static readonly Keyword TrackFileRef = Add(new() { Block = I, Name = "track_file", Toml = "instance.track_files", Kind = ValueKind.List, Summary = "track_files whose content changes the priority" });
    /// <summary>The [instance.notify] table (keepalived: the notify_* keywords).</summary>
    public static readonly Keyword NotifyTable = Add(new() { Block = I, Toml = "instance.notify", Kind = ValueKind.Block, Summary = "the instance's notify scripts" });
    /// <summary>The [instance.garp] table (keepalived: the garp_* keywords).</summary>
    public static readonly Keyword GarpTable = Add(new() { Block = I, Toml = "instance.garp", Kind = ValueKind.Block, DefaultText = "[global.garp]", Summary = "the instance's GARP settings, starting from the global ones" });
    /// <summary>notify.</summary>
    public static readonly Keyword Notify = Add(new() { Block = I, Name = "notify", Toml = "instance.notify.notify", Kind = ValueKind.Command, Summary = "run on every state change with TYPE NAME STATE PRIORITY" });
    /// <summary>notify_master.</summary>
    public static readonly Keyword NotifyMaster = Add(new() { Block = I, Name = "notify_master", Toml = "instance.notify.master", Kind = ValueKind.Command, Summary = "run on becoming master" });
    /// <summary>notify_backup.</summary>
    public static readonly Keyword NotifyBackup = Add(new() { Block = I, Name = "notify_backup", Toml = "instance.notify.backup", Kind = ValueKind.Command, Summary = "run on becoming backup" });
    /// <summary>notify_fault.</summary>
    public static readonly Keyword NotifyFault = Add(new() { Block = I, Name = "notify_fault", Toml = "instance.notify.fault", Kind = ValueKind.Command, Summary = "run on entering fault" });
    /// <summary>notify_stop.</summary>
    public static readonly Keyword NotifyStop = Add(new() { Block = I, Name = "notify_stop", Toml = "instance.notify.stop", Kind = ValueKind.Command, Summary = "run when the instance stops" });
    /// <summary>notify_master_rx_lower_pri.</summary>
    public static readonly Keyword NotifyMasterRxLowerPri = Add(new() { Block = I, Name = "notify_master_rx_lower_pri", Toml = "instance.notify.master_rx_lower_pri", Kind = ValueKind.Command, Summary = "run (as written, as the script user) each time a master hears a lower-priority advert; the FIFO gets INSTANCE \"NAME\" MASTER_RX_LOWER_PRI PRIORITY" });
    /// <summary>smtp_alert in an instance.</summary>
    public static readonly Keyword SmtpAlert = Add(new() { Block = I, Name = "smtp_alert", Toml = "instance.smtp_alert", Kind = ValueKind.Bool, DefaultText = "off", Summary = "mail notification_email on state changes" });

    internal static readonly Keyword[] InstanceNotActed =
    [
        Add(NotActed(I, "garp_extra_if", "GARPs go out on the instance's interface only")),
        Add(NotActed(I, "strict_mode", "strict RFC mode is not implemented")),
        Add(NotActed(I, "track_bfd", Trackers)),
        Add(NotActed(I, "track_src_ip", "the source address is not tracked")),
        Add(NotActed(I, "use_ipvlan", "only macvlan VMACs are made")),
        Add(NotActed(I, "use_vmac_addr", "only macvlan VMACs are made")),
        Add(NotActed(I, "vmac_xmit_base", "adverts go out on the VMAC interface")),
        Add(NotActed(I, "vrf", "VRFs are not supported")),
        Add(NotActed(I, "skip_check_adv_addr", "the address list of every advert is checked")),
        Add(NotActed(I, "promote_secondaries", "the kernel's promote_secondaries sysctl is not changed")),
        Add(NotActed(I, "native_ipv6", "IPv6 instances always use VRRPv3")),
        Add(NotActed(I, "unicast_fault_no_peer", "an instance without peers multicasts")),
        Add(NotActed(I, "global_tracking", Trackers)),
        Add(NotActed(I, "sync_group_tracking_weight", Trackers)),
        Add(NotActed(I, "notify_priority_changes", "notify scripts are not told of priority changes")),
        Add(NotActed(I, "notify_deleted", "notify scripts are not run for deleted instances")),
        Add(NotActed(I, "init_fail", "an instance that cannot start stops the daemon")),
        Add(NotActed(I, "interfaces", "an instance uses one interface")),
        Add(Ignored(I, "debug", ProcessTuning)),
        Add(Ignored(I, "kernel_rx_buf_size", ProcessTuning)),
        Add(Ignored(I, "linkbeat_use_polling", ProcessTuning)),
        Add(new() { Block = I, Name = "lvs_sync_daemon_interface", Kind = ValueKind.Text, Status = KeywordStatus.Deprecated, Reason = "keepalived moved it to global_defs lvs_sync_daemon; LVS is out of scope" }),
    ];

    private const string A = Blocks.Authentication;

    /// <summary>auth_type.</summary>
    public static readonly Keyword AuthType = Add(new() { Block = A, Name = "auth_type", Kind = ValueKind.Choice, Allowed = ["PASS", "AH"], Summary = "PASS: the simple password of RFC 3768 (AH is not supported); TOML: set auth_pass" });
    /// <summary>auth_pass.</summary>
    public static readonly Keyword AuthPass = Add(new() { Block = A, Name = "auth_pass", Toml = "instance.auth_pass", Kind = ValueKind.Text, Max = 8, Summary = "the v2 password, at most 8 characters" });
}
