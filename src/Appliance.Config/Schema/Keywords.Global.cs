namespace Appliance.Config.Schema;

public static partial class Keywords
{
    private const string G = Blocks.Global;

    /// <summary>router_id.</summary>
    public static readonly Keyword RouterId = Add(new() { Block = G, Name = "router_id", Toml = "global.router_id", Kind = ValueKind.Text, DefaultText = "the short host name", Summary = "names this router in mail, logs and the heartbeat node id" });
    /// <summary>notification_email.</summary>
    public static readonly Keyword NotificationEmail = Add(new() { Block = G, Name = "notification_email", Toml = "global.notification_email", Kind = ValueKind.List, Summary = "recipients of SMTP alerts" });
    /// <summary>notification_email_from.</summary>
    public static readonly Keyword NotificationEmailFrom = Add(new() { Block = G, Name = "notification_email_from", Toml = "global.notification_email_from", Kind = ValueKind.Text, DefaultText = "appliance@ROUTER_ID", Summary = "sender of SMTP alerts" });
    /// <summary>smtp_server ADDRESS [PORT].</summary>
    public static readonly Keyword SmtpServer = Add(new() { Block = G, Name = "smtp_server", Toml = "global.smtp_server", Kind = ValueKind.Text, Summary = "SMTP relay for alerts (keepalived: an optional second word is the port)" });
    /// <summary>The port of smtp_server (its second word in keepalived.conf).</summary>
    public static readonly Keyword SmtpPort = Add(new() { Block = G, Toml = "global.smtp_port", Kind = ValueKind.Integer, Min = 1, Max = 65535, Default = 25, Summary = "SMTP relay port (keepalived: smtp_server's second word)" });
    /// <summary>smtp_connect_timeout.</summary>
    public static readonly Keyword SmtpConnectTimeout = Add(new() { Block = G, Name = "smtp_connect_timeout", Toml = "global.smtp_connect_timeout", Kind = ValueKind.Integer, Min = 1, Max = 86400, Default = 30, Unit = "s", Summary = "how long to wait for the SMTP relay" });
    /// <summary>The daemon's log level (TOML only; keepalived has only -D).</summary>
    public static readonly Keyword LogLevel = Add(new() { Block = G, Toml = "global.log_level", Kind = ValueKind.Choice, Allowed = ["debug", "info", "warning", "error"], DefaultText = "info (debug with -D)", Summary = "lowest level the daemon logs; -D on the command line always means debug" });
    /// <summary>vrrp_version.</summary>
    public static readonly Keyword VrrpVersion = Add(new() { Block = G, Name = "vrrp_version", Toml = "global.vrrp_version", Kind = ValueKind.Integer, Min = 2, Max = 3, Default = 2, Summary = "default VRRP version of IPv4 instances (IPv6 ones use 3)" });
    /// <summary>The v3 IPv4 checksum form sent (TOML only; keepalived spells it old_unicast_checksum per instance).</summary>
    public static readonly Keyword V3Ipv4Checksum = Add(new() { Block = G, Toml = "global.v3_ipv4_checksum", Kind = ValueKind.Choice, Allowed = ["message-only", "pseudo-header", "pseudo-header-multicast"], DefaultText = "pseudo-header", Summary = "checksum form of v3 IPv4 adverts sent (every form is accepted on receive)" });
    /// <summary>vrrp_mcast_group4.</summary>
    public static readonly Keyword McastGroup4 = Add(new() { Block = G, Name = "vrrp_mcast_group4", Toml = "global.mcast_group4", Kind = ValueKind.Address, DefaultText = "224.0.0.18", Summary = "IPv4 multicast group of adverts" });
    /// <summary>vrrp_mcast_group6.</summary>
    public static readonly Keyword McastGroup6 = Add(new() { Block = G, Name = "vrrp_mcast_group6", Toml = "global.mcast_group6", Kind = ValueKind.Address, DefaultText = "ff02::12", Summary = "IPv6 multicast group of adverts" });
    /// <summary>The [global.garp] table (keepalived: the vrrp_garp_* keywords).</summary>
    public static readonly Keyword GlobalGarpTable = Add(new() { Block = G, Toml = "global.garp", Kind = ValueKind.Block, Summary = "GARP / NA settings every instance starts from" });
    /// <summary>vrrp_garp_master_delay.</summary>
    public static readonly Keyword GlobalGarpMasterDelay = Add(new() { Block = G, Name = "vrrp_garp_master_delay", Toml = "global.garp.master_delay", Kind = ValueKind.Seconds, Min = 0, Max = 1000, Default = 5, Unit = "s", Summary = "delay of the second GARP burst after becoming master (0: none)" });
    /// <summary>vrrp_garp_master_repeat.</summary>
    public static readonly Keyword GlobalGarpMasterRepeat = Add(new() { Block = G, Name = "vrrp_garp_master_repeat", Toml = "global.garp.master_repeat", Kind = ValueKind.Integer, Min = 1, Max = 1000, Default = 5, Summary = "GARPs / NAs per burst on becoming master" });
    /// <summary>vrrp_garp_master_refresh.</summary>
    public static readonly Keyword GlobalGarpMasterRefresh = Add(new() { Block = G, Name = "vrrp_garp_master_refresh", Toml = "global.garp.master_refresh", Kind = ValueKind.Seconds, Min = 0, Max = 100000, Default = 0, Unit = "s", Summary = "re-announce the VIPs this often while master (0: never)" });
    /// <summary>vrrp_garp_master_refresh_repeat.</summary>
    public static readonly Keyword GlobalGarpMasterRefreshRepeat = Add(new() { Block = G, Name = "vrrp_garp_master_refresh_repeat", Toml = "global.garp.master_refresh_repeat", Kind = ValueKind.Integer, Min = 1, Max = 1000, Default = 1, Summary = "GARPs / NAs per refresh" });
    /// <summary>vrrp_garp_interval.</summary>
    public static readonly Keyword GlobalGarpInterval = Add(new() { Block = G, Name = "vrrp_garp_interval", Toml = "global.garp.interval", Kind = ValueKind.Seconds, Min = 0, Max = 1, Default = 0, Unit = "s", Summary = "spacing of GARPs within a burst" });
    /// <summary>vrrp_gna_interval.</summary>
    public static readonly Keyword GlobalGnaInterval = Add(new() { Block = G, Name = "vrrp_gna_interval", Toml = "global.garp.na_interval", Kind = ValueKind.Seconds, Min = 0, Max = 1, Default = 0, Unit = "s", Summary = "spacing of unsolicited NAs within a burst" });
    /// <summary>vrrp_garp_lower_prio_repeat.</summary>
    public static readonly Keyword GlobalGarpLowerPrioRepeat = Add(new() { Block = G, Name = "vrrp_garp_lower_prio_repeat", Toml = "global.garp.lower_prio_repeat", Kind = ValueKind.Integer, Min = 0, Max = 1000, DefaultText = "vrrp_garp_master_repeat", Summary = "GARP / NA rounds a master sends when it hears a lower-priority advert, at once and again after vrrp_garp_lower_prio_delay (0: none)" });
    /// <summary>vrrp_garp_lower_prio_delay.</summary>
    public static readonly Keyword GlobalGarpLowerPrioDelay = Add(new() { Block = G, Name = "vrrp_garp_lower_prio_delay", Toml = "global.garp.lower_prio_delay", Kind = ValueKind.Seconds, Min = 0, Max = 1000, DefaultText = "vrrp_garp_master_delay", Unit = "s", Summary = "delay of the second GARP / NA burst after a lower-priority advert (0: none)" });
    // The per-instance GARP keywords: the global ones, inherited, in the same file so the global
    // fields are initialised first (field initialisers run in text order within one file).
    private const string I = Blocks.Instance;
    /// <summary>garp_master_delay.</summary>
    public static readonly Keyword GarpMasterDelay = Add(GlobalGarpMasterDelay with { Block = I, Name = "garp_master_delay", Toml = "instance.garp.master_delay", Default = null, DefaultText = "vrrp_garp_master_delay" });
    /// <summary>garp_master_repeat.</summary>
    public static readonly Keyword GarpMasterRepeat = Add(GlobalGarpMasterRepeat with { Block = I, Name = "garp_master_repeat", Toml = "instance.garp.master_repeat", Default = null, DefaultText = "vrrp_garp_master_repeat" });
    /// <summary>garp_master_refresh.</summary>
    public static readonly Keyword GarpMasterRefresh = Add(GlobalGarpMasterRefresh with { Block = I, Name = "garp_master_refresh", Toml = "instance.garp.master_refresh", Default = null, DefaultText = "vrrp_garp_master_refresh" });
    /// <summary>garp_master_refresh_repeat.</summary>
    public static readonly Keyword GarpMasterRefreshRepeat = Add(GlobalGarpMasterRefreshRepeat with { Block = I, Name = "garp_master_refresh_repeat", Toml = "instance.garp.master_refresh_repeat", Default = null, DefaultText = "vrrp_garp_master_refresh_repeat" });
    /// <summary>garp_interval.</summary>
    public static readonly Keyword GarpInterval = Add(GlobalGarpInterval with { Block = I, Name = "garp_interval", Toml = "instance.garp.interval", Default = null, DefaultText = "vrrp_garp_interval" });
    /// <summary>gna_interval.</summary>
    public static readonly Keyword GnaInterval = Add(GlobalGnaInterval with { Block = I, Name = "gna_interval", Toml = "instance.garp.na_interval", Default = null, DefaultText = "vrrp_gna_interval" });
    /// <summary>garp_lower_prio_repeat.</summary>
    public static readonly Keyword GarpLowerPrioRepeat = Add(GlobalGarpLowerPrioRepeat with { Block = I, Name = "garp_lower_prio_repeat", Toml = "instance.garp.lower_prio_repeat", Default = null, DefaultText = "vrrp_garp_lower_prio_repeat" });
    /// <summary>garp_lower_prio_delay.</summary>
    public static readonly Keyword GarpLowerPrioDelay = Add(GlobalGarpLowerPrioDelay with { Block = I, Name = "garp_lower_prio_delay", Toml = "instance.garp.lower_prio_delay", DefaultText = "vrrp_garp_lower_prio_delay" });
    /// <summary>enable_script_security.</summary>
    public static readonly Keyword EnableScriptSecurity = Add(new() { Block = G, Name = "enable_script_security", Toml = "global.enable_script_security", Kind = ValueKind.Flag, DefaultText = "off", Summary = "refuse scripts that a non-root user could change" });
    /// <summary>script_user.</summary>
    public static readonly Keyword ScriptUser = Add(new() { Block = G, Name = "script_user", Toml = "global.script_user", Kind = ValueKind.Text, Summary = "user (and group) scripts run as" });
    /// <summary>control_group (TOML only: keepalived has no control socket).</summary>
    public static readonly Keyword ControlGroup = Add(new() { Block = G, Toml = "global.control_group", Kind = ValueKind.Text, DefaultText = "none: root only", Summary = "group whose members may use the control socket (status, reload, maintenance) besides root; resolved at start-up" });
    /// <summary>The [global.flight_recorder] table (TOML only: keepalived has no flight recorder).</summary>
    public static readonly Keyword FlightRecorderTable = Add(new() { Block = G, Toml = "global.flight_recorder", Kind = ValueKind.Block, Summary = "the flight recorder: the last transitions of every instance with their causes (appliance why)" });
    /// <summary>The flight recorder's file (TOML only).</summary>
    public static readonly Keyword FlightRecorderPath = Add(new() { Block = G, Toml = "global.flight_recorder.path", Kind = ValueKind.Text, DefaultText = "/run/appliance/appliance-netns-INODE.flight", Summary = "file of the flight recorder; a path on persistent storage keeps it across a reboot" });
    /// <summary>The [global.dumps] table (TOML only; keepalived takes the directory from TMPDIR).</summary>
    public static readonly Keyword DumpsTable = Add(new() { Block = G, Toml = "global.dumps", Kind = ValueKind.Block, Summary = "keepalived-format dumps written on SIGUSR1 (keepalived.data), SIGUSR2 (keepalived.stats) and SIGRTMIN+2 (keepalived.json)" });
    /// <summary>The directory of the keepalived-format dumps (TOML only).</summary>
    public static readonly Keyword DumpDirectory = Add(new() { Block = G, Toml = "global.dumps.directory", Kind = ValueKind.Text, DefaultText = "$TMPDIR if absolute, else /tmp (as keepalived)", Summary = "directory of keepalived.data, keepalived.stats and keepalived.json" });
    /// <summary>vrrp_notify_fifo / notify_fifo.</summary>
    public static readonly Keyword NotifyFifo = Add(new() { Block = G, Name = "notify_fifo", Aliases = ["vrrp_notify_fifo"], Toml = "global.notify_fifo", Kind = ValueKind.Text, Summary = "FIFO that receives keepalived-format state lines" });
    /// <summary>vrrp_startup_delay.</summary>
    public static readonly Keyword StartupDelay = Add(new() { Block = G, Name = "vrrp_startup_delay", Toml = "global.startup_delay", Kind = ValueKind.Seconds, Min = 0, Max = 3600, Default = 0, Unit = "s", Summary = "hold every instance in Initialize this long after start" });
    /// <summary>vrrp_strict.</summary>
    public static readonly Keyword VrrpStrict = Add(new() { Block = G, Name = "vrrp_strict", Toml = "global.vrrp_strict", Kind = ValueKind.Flag, DefaultText = "off", Status = KeywordStatus.NotActed, Reason = "strict RFC mode's extra checks are not implemented; it only turns the accept default off (VIP traffic then filtered)", Summary = "keepalived's strict RFC compliance" });
    /// <summary>vrrp_down_timer_adverts.</summary>
    public static readonly Keyword GlobalDownTimerAdverts = Add(new() { Block = G, Name = "vrrp_down_timer_adverts", Kind = ValueKind.Integer, Min = 1, Max = 100, Default = 3, Summary = "default of down_timer_adverts (TOML: set it per instance)" });
    /// <summary>vrrp_lower_prio_no_advert.</summary>
    public static readonly Keyword GlobalLowerPrioNoAdvert = Add(new() { Block = G, Name = "vrrp_lower_prio_no_advert", Kind = ValueKind.Bool, DefaultText = "off", Summary = "default of lower_prio_no_advert (TOML: advert_on_lower_priority per instance)" });
    /// <summary>vrrp_higher_prio_send_advert.</summary>
    public static readonly Keyword GlobalHigherPrioSendAdvert = Add(new() { Block = G, Name = "vrrp_higher_prio_send_advert", Kind = ValueKind.Bool, DefaultText = "off", Summary = "default of higher_prio_send_advert (TOML: advert_on_higher_priority per instance)" });
    /// <summary>smtp_alert in global_defs.</summary>
    public static readonly Keyword GlobalSmtpAlert = Add(NotActed(G, "smtp_alert", "mail is sent only for instances with their own smtp_alert", ValueKind.Bool));
    /// <summary>smtp_alert_vrrp.</summary>
    public static readonly Keyword GlobalSmtpAlertVrrp = Add(NotActed(G, "smtp_alert_vrrp", "mail is sent only for instances with their own smtp_alert", ValueKind.Bool));
    /// <summary>vrrp_check_unicast_src.</summary>
    public static readonly Keyword GlobalCheckUnicastSrc = Add(new() { Block = G, Name = "vrrp_check_unicast_src", Kind = ValueKind.Flag, DefaultText = "off", Summary = "check_unicast_src for every instance (TOML: set it per instance)" });
    /// <summary>vrrp_skip_check_adv_addr.</summary>
    public static readonly Keyword GlobalSkipCheckAdvAddr = Add(NotActed(G, "vrrp_skip_check_adv_addr", "the address list of every advert is checked", ValueKind.Flag));

    /// <summary>The [global.snmp] table.</summary>
    public static readonly Keyword SnmpTable = Add(new() { Block = G, Toml = "global.snmp", Kind = ValueKind.Block, Summary = "the SNMP AgentX subagent serving the VRRPv3 MIB (RFC 6527)" });
    /// <summary>enable_snmp_rfcv3.</summary>
    public static readonly Keyword EnableSnmpRfcV3 = Add(new() { Block = G, Name = "enable_snmp_rfcv3", Toml = "global.snmp.enabled", Kind = ValueKind.Flag, DefaultText = "off", Summary = "serve the VRRPv3 MIB (RFC 6527) as an AgentX subagent of the local snmpd" });
    /// <summary>enable_snmp_rfc: keepalived's "both RFC MIBs"; only the VRRPv3 one is served.</summary>
    public static readonly Keyword EnableSnmpRfc = Add(new() { Block = G, Name = "enable_snmp_rfc", Kind = ValueKind.Flag, DefaultText = "off", Summary = "as enable_snmp_rfcv3 (the VRRPv2 MIB of RFC 2787 is not served)" });
    /// <summary>snmp_socket.</summary>
    public static readonly Keyword SnmpSocket = Add(new() { Block = G, Name = "snmp_socket", Toml = "global.snmp.socket", Kind = ValueKind.Text, DefaultText = Model.OperationsSettings.DefaultAgentXSocket, Summary = "the AgentX master's socket: a path, unix:PATH or tcp:HOST:PORT" });
    /// <summary>enable_traps.</summary>
    public static readonly Keyword EnableTraps = Add(new() { Block = G, Name = "enable_traps", Toml = "global.snmp.traps", Kind = ValueKind.Flag, DefaultText = "off", Summary = "send vrrpv3NewMaster and vrrpv3ProtoError notifications through the master agent" });
    /// <summary>The [global.metrics] table.</summary>
    public static readonly Keyword MetricsTable = Add(new() { Block = G, Toml = "global.metrics", Kind = ValueKind.Block, Summary = "the Prometheus text endpoint" });
    /// <summary>metrics_listen (an appliance extension).</summary>
    public static readonly Keyword MetricsListen = Add(new() { Block = G, Name = "metrics_listen", Toml = "global.metrics.listen", Kind = ValueKind.Text, DefaultText = "off", Summary = "ADDRESS:PORT serving GET /metrics in the Prometheus text format (e.g. 127.0.0.1:9650)" });

    internal static readonly Keyword[] GlobalNotActed =
    [
        Add(NotActed(G, "vrrp_garp_extra_if", "GARPs go out on the instance's interface only")),
        Add(NotActed(G, "vrrp_min_garp", "the GARP settings are used as written")),
        Add(NotActed(G, "vrrp_notify_priority_changes", "notify scripts are not told of priority changes")),
        Add(NotActed(G, "vrrp_iptables", "no firewall rules are installed for VIPs")),
        Add(NotActed(G, "vrrp_ipsets", "no ipsets are maintained")),
        Add(NotActed(G, "nftables", "no nftables rules are installed for VIPs")),
        Add(NotActed(G, "nftables_counters", "no nftables rules are installed")),
        Add(NotActed(G, "nftables_ifindex", "no nftables rules are installed")),
        Add(NotActed(G, "nftables_priority", "no nftables rules are installed")),
        Add(NotActed(G, "default_interface", "every instance names its interface")),
        Add(NotActed(G, "dynamic_interfaces", "interfaces must exist at start")),
        Add(NotActed(G, "max_auto_priority", "the daemon does not raise its scheduling priority")),
        Add(NotActed(G, "min_auto_priority_delay", "the daemon does not raise its scheduling priority")),
        Add(NotActed(G, "startup_script", "no script runs at start")),
        Add(NotActed(G, "startup_script_timeout", "no script runs at start")),
        Add(NotActed(G, "shutdown_script", "no script runs at stop")),
        Add(NotActed(G, "shutdown_script_timeout", "no script runs at stop")),
        Add(NotActed(G, "notify_fifo_script", "the FIFO is written, no script reads it for you")),
        Add(NotActed(G, "vrrp_notify_fifo_script", "the FIFO is written, no script reads it for you")),
        Add(NotActed(G, "vmac_prefix", "VMAC interfaces are named by use_vmac or vrrp.VRID")),
        Add(NotActed(G, "vmac_addr_prefix", "VMAC interfaces are named by use_vmac or vrrp.VRID")),
        Add(NotActed(G, "fifo_write_vrrp_states_on_reload", "states are written to the FIFO only when they change")),
        Add(NotActed(G, "net_namespace", "run the daemon in the namespace instead (ip netns exec)")),
        Add(NotActed(G, "disable_local_igmp", "IGMP reports are the kernel's")),
        Add(NotActed(G, "log_unknown_vrids", "adverts for unknown VRIDs are counted, not logged")),
        Add(NotActed(G, "random_seed", "the daemon seeds its own randomness")),
        Add(NotActed(G, "enable_snmp_vrrp", "keepalived's own MIB (KEEPALIVED-MIB) is not served; enable_snmp_rfcv3 serves the VRRPv3 MIB", ValueKind.Flag)),
        Add(NotActed(G, "enable_snmp_rfcv2", "the VRRPv2 MIB (RFC 2787) is not served; enable_snmp_rfcv3 serves the VRRPv3 MIB", ValueKind.Flag)),
    ];

    private const string ProcessTuning = "keepalived process tuning";
    private const string Snmp = "D-Bus and the checker's SNMP are not provided";
    private const string Lvs = "LVS load balancing is out of scope";

    internal static readonly Keyword[] GlobalIgnored =
    [
        .. Many(G, ProcessTuning, "bfd_cpu_affinity", "bfd_no_swap", "bfd_priority", "bfd_process_name", "bfd_rlimit_rttime", "bfd_rt_priority",
            "checker_cpu_affinity", "checker_log_all_failures", "checker_no_swap", "checker_priority", "checker_process_name",
            "checker_rlimit_rttime", "checker_rt_priority", "config_save_dir", "data_use_instance", "include_check",
            "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force", "process_name", "process_names",
            "reload_check_config", "reload_file", "reload_repeat", "reload_time_file", "tmp_config_directory", "umask",
            "vrrp_cpu_affinity", "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
            "vrrp_netlink_monitor_rcv_bufs_force", "vrrp_no_swap", "vrrp_priority", "vrrp_process_name", "vrrp_rlimit_rttime",
            "vrrp_rt_priority", "vrrp_rx_bufs_multiplier", "vrrp_rx_bufs_policy", "instance", "use_pid_dir",
            "linkbeat_use_polling", "child_wait_time", "namespace_with_ipsets", "net_namespace_ipvs"),
        .. Many(G, Snmp, "dbus_service_name", "enable_dbus", "enable_snmp_checker"),
        .. Many(G, Lvs, "lvs_flush", "lvs_flush_on_stop", "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force",
            "lvs_netlink_monitor_rcv_bufs", "lvs_netlink_monitor_rcv_bufs_force", "lvs_notify_fifo", "lvs_notify_fifo_script",
            "lvs_sync_daemon", "lvs_timeouts", "lvs_id", "nftables_ipvs", "nftables_ipvs_priority", "nftables_ipvs_start_fwmark",
            "no_checker_emails", "rs_init_notifies", "smtp_alert_checker", "smtp_helo_name", "no_email_faults"),
    ];

    private static Keyword[] Many(string block, string reason, params string[] names)
    {
        var list = new Keyword[names.Length];
        for (int i = 0; i < names.Length; i++) list[i] = Add(Ignored(block, names[i], reason));
        return list;
    }
}
