using System.Collections.Frozen;

namespace Appliance.Config.Keepalived;

/// <summary>
/// Keyword sets from keepalived.conf(5) (2.2.7). "Bound" ones fill the model; "recognised" ones are
/// keepalived's but have no effect here (a note, not a warning); anything else is unknown and gets a
/// "did you mean" from the union.
/// </summary>
internal static class Keywords
{
    public static readonly FrozenSet<string> TopLevelBound = Set(
        "global_defs", "vrrp_instance", "vrrp_sync_group", "vrrp_script", "track_file", "vrrp_track_file",
        "appliance_heartbeat", "appliance_board");

    /// <summary>Top-level blocks of features appliance does not implement (LVS, BFD, static routes...).</summary>
    public static readonly FrozenSet<string> TopLevelUnsupported = Set(
        "virtual_server", "virtual_server_group", "SSL", "bfd_instance", "static_ipaddress", "static_routes",
        "static_rules", "linkbeat_interfaces", "vrrp_track_process", "garp_group", "static_track_group",
        "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir",
        "linkbeat_use_polling", "child_wait_time", "interface_up_down_delays");

    public static readonly FrozenSet<string> GlobalBound = Set(
        "router_id", "notification_email", "notification_email_from", "smtp_server", "smtp_connect_timeout",
        "vrrp_version", "vrrp_mcast_group4", "vrrp_mcast_group6", "vrrp_garp_master_delay", "vrrp_garp_master_repeat",
        "vrrp_garp_master_refresh", "vrrp_garp_master_refresh_repeat", "vrrp_garp_interval", "vrrp_gna_interval",
        "vrrp_garp_lower_prio_repeat", "enable_script_security", "script_user", "vrrp_notify_fifo", "notify_fifo",
        "vrrp_startup_delay", "vrrp_strict", "vrrp_down_timer_adverts", "vrrp_lower_prio_no_advert",
        "vrrp_higher_prio_send_advert");

    public static readonly FrozenSet<string> GlobalRecognised = Set(
        "bfd_cpu_affinity", "bfd_no_swap", "bfd_priority", "bfd_process_name", "bfd_rlimit_rttime", "bfd_rt_priority",
        "checker_cpu_affinity", "checker_log_all_failures", "checker_no_swap", "checker_priority", "checker_process_name",
        "checker_rlimit_rttime", "checker_rt_priority", "config_save_dir", "data_use_instance", "dbus_service_name",
        "default_interface", "disable_local_igmp", "dynamic_interfaces", "enable_dbus", "enable_snmp_checker",
        "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3", "enable_snmp_vrrp", "enable_traps",
        "fifo_write_vrrp_states_on_reload", "include_check", "log_unknown_vrids", "lvs_flush", "lvs_flush_on_stop",
        "lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force", "lvs_netlink_monitor_rcv_bufs",
        "lvs_netlink_monitor_rcv_bufs_force", "lvs_notify_fifo", "lvs_notify_fifo_script", "lvs_sync_daemon",
        "lvs_timeouts", "lvs_id", "max_auto_priority", "min_auto_priority_delay", "nftables", "nftables_counters",
        "nftables_ifindex", "nftables_ipvs", "nftables_ipvs_priority", "nftables_ipvs_start_fwmark",
        "nftables_priority", "no_checker_emails", "no_email_faults", "notify_fifo_script",
        "process_monitor_rcv_bufs", "process_monitor_rcv_bufs_force", "process_name", "process_names", "random_seed",
        "reload_check_config", "reload_file", "reload_repeat", "reload_time_file", "rs_init_notifies",
        "shutdown_script", "shutdown_script_timeout", "smtp_alert", "smtp_alert_checker", "smtp_alert_vrrp",
        "smtp_helo_name", "snmp_socket", "startup_script", "startup_script_timeout", "tmp_config_directory", "umask",
        "vmac_addr_prefix", "vmac_prefix", "vrrp_check_unicast_src", "vrrp_cpu_affinity", "vrrp_garp_extra_if",
        "vrrp_garp_lower_prio_delay", "vrrp_ipsets", "vrrp_iptables", "vrrp_min_garp",
        "vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force", "vrrp_netlink_monitor_rcv_bufs",
        "vrrp_netlink_monitor_rcv_bufs_force", "vrrp_no_swap", "vrrp_notify_fifo_script",
        "vrrp_notify_priority_changes", "vrrp_priority", "vrrp_process_name", "vrrp_rlimit_rttime",
        "vrrp_rt_priority", "vrrp_rx_bufs_multiplier", "vrrp_rx_bufs_policy", "vrrp_skip_check_adv_addr",
        "net_namespace", "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir",
        "linkbeat_use_polling", "child_wait_time");

    public static readonly FrozenSet<string> InstanceBound = Set(
        "state", "interface", "virtual_router_id", "priority", "advert_int", "version", "authentication",
        "virtual_ipaddress", "virtual_ipaddress_excluded", "virtual_routes", "unicast_src_ip", "mcast_src_ip",
        "unicast_peer", "use_vmac", "accept", "no_accept", "preempt", "nopreempt", "preempt_delay",
        "track_interface", "track_script", "track_file", "notify", "notify_master", "notify_backup", "notify_fault",
        "notify_stop", "notify_master_rx_lower_pri", "garp_master_delay", "garp_master_repeat",
        "garp_master_refresh", "garp_master_refresh_repeat", "garp_interval", "gna_interval",
        "garp_lower_prio_repeat", "down_timer_adverts", "smtp_alert", "lower_prio_no_advert",
        "higher_prio_send_advert", "old_unicast_checksum", "mcast_dst_ip", "check_unicast_src",
        "dont_track_primary", "preempt_at_once");

    public static readonly FrozenSet<string> InstanceRecognised = Set(
        "debug", "garp_extra_if", "garp_lower_prio_delay", "global_tracking", "init_fail", "interfaces",
        "kernel_rx_buf_size", "linkbeat_use_polling", "native_ipv6", "notify_deleted", "notify_priority_changes",
        "promote_secondaries", "skip_check_adv_addr", "strict_mode", "track_bfd", "track_process", "track_src_ip",
        "unicast_fault_no_peer", "unicast_ttl", "use_ipvlan", "use_vmac_addr", "virtual_rules", "vmac_xmit_base",
        "vrf", "lvs_sync_daemon_interface", "sync_group_tracking_weight");

    public static readonly FrozenSet<string> SyncGroupBound = Set(
        "group", "notify", "notify_master", "notify_backup", "notify_fault", "notify_stop", "smtp_alert",
        "sync_group_tracking_weight");

    public static readonly FrozenSet<string> SyncGroupRecognised = Set(
        "track_interface", "track_script", "track_file", "track_bfd", "track_process", "global_tracking",
        "notify_priority_changes");

    public static readonly FrozenSet<string> ScriptBound = Set("script", "interval", "timeout", "weight", "rise", "fall", "user", "init_fail");

    public static readonly FrozenSet<string> ScriptRecognised = Set();

    public static readonly FrozenSet<string> TrackFileBound = Set("file", "weight", "init_file");

    public static readonly FrozenSet<string> TrackFileRecognised = Set();

    public static readonly FrozenSet<string> AuthBound = Set("auth_type", "auth_pass");

    public static readonly FrozenSet<string> None = Set();

    public static readonly FrozenSet<string> VipOptions = Set(
        "dev", "label", "scope", "brd", "broadcast", "no_track");

    public static readonly FrozenSet<string> VipRecognisedOptions = Set(
        "track_group", "preferred_lft", "home", "nodad", "noprefixroute", "autojoin", "use_vmac", "peer");

    public static readonly FrozenSet<string> HeartbeatBound = Set("node_id", "on_lan_fault", "channel", "fence");

    public static readonly FrozenSet<string> ChannelBound = Set(
        "kind", "interface", "local_address", "peer_address", "port", "device", "baud", "rtscts", "interval",
        "dead_time", "key");

    public static readonly FrozenSet<string> FenceBound = Set("command", "after", "max_random_delay");

    public static readonly FrozenSet<string> BoardBound = Set("profile", "profile_directory", "leds", "watchdog");

    public static readonly FrozenSet<string> LedsBound = Set("backend", "alert_hold");

    public static readonly FrozenSet<string> WatchdogBound = Set("kind", "device", "timeout", "pet_interval", "max_loop_lateness", "disarm_on_clean_stop");

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}
