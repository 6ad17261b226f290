namespace Appliance.Config.Schema;

public static partial class Keywords
{
    private const string T = Blocks.Top;
    private const string SyncGroups = "sync groups are not enforced; their instances change state independently";
    private const string Scripts = "vrrp_scripts are not run";
    private const string Files = "track files are not read";

    /// <summary>global_defs.</summary>
    public static readonly Keyword GlobalDefs = Add(new() { Block = T, Name = "global_defs", Toml = "global", Kind = ValueKind.Block, Summary = "settings for the whole daemon" });
    /// <summary>vrrp_instance NAME.</summary>
    public static readonly Keyword VrrpInstance = Add(new() { Block = T, Name = "vrrp_instance", Toml = "instance", Kind = ValueKind.Block, Summary = "one virtual router (TOML: [[instance]])" });
    /// <summary>vrrp_sync_group NAME.</summary>
    public static readonly Keyword VrrpSyncGroup = Add(new() { Block = T, Name = "vrrp_sync_group", Toml = "sync_group", Kind = ValueKind.Block, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "instances that change state together (TOML: [[sync_group]])" });
    /// <summary>vrrp_script NAME.</summary>
    public static readonly Keyword VrrpScript = Add(new() { Block = T, Name = "vrrp_script", Toml = "script", Kind = ValueKind.Block, Status = KeywordStatus.NotActed, Reason = Scripts, Summary = "a check script that instances track (TOML: [[script]])" });
    /// <summary>track_file NAME / vrrp_track_file NAME.</summary>
    public static readonly Keyword TrackFileBlock = Add(new() { Block = T, Name = "track_file", Aliases = ["vrrp_track_file"], Toml = "track_file", Kind = ValueKind.Block, Status = KeywordStatus.NotActed, Reason = Files, Summary = "a file whose number instances track (TOML: [[track_file]])" });
    /// <summary>appliance_heartbeat.</summary>
    public static readonly Keyword ApplianceHeartbeat = Add(new() { Block = T, Name = "appliance_heartbeat", Toml = "heartbeat", Kind = ValueKind.Block, Summary = "our extension: second heartbeat paths and the split-brain arbiter" });
    /// <summary>appliance_board.</summary>
    public static readonly Keyword ApplianceBoard = Add(new() { Block = T, Name = "appliance_board", Toml = "board", Kind = ValueKind.Block, Summary = "our extension: the board profile, LEDs and watchdog (TOML: [board], [leds], [watchdog])" });

    internal static readonly Keyword[] TopNotActed =
    [
        Add(NotActed(T, "virtual_server", "LVS load balancing is out of scope; run keepalived's checker beside appliance if you need it", ValueKind.Block)),
        Add(NotActed(T, "virtual_server_group", "LVS load balancing is out of scope; run keepalived's checker beside appliance if you need it", ValueKind.Block)),
        Add(NotActed(T, "SSL", "LVS load balancing is out of scope; run keepalived's checker beside appliance if you need it", ValueKind.Block)),
        Add(NotActed(T, "bfd_instance", "BFD is not implemented", ValueKind.Block)),
        Add(NotActed(T, "static_ipaddress", "configure static addresses with the system's network configuration", ValueKind.Block)),
        Add(NotActed(T, "static_routes", "configure static routes with the system's network configuration", ValueKind.Block)),
        Add(NotActed(T, "static_rules", "configure policy rules with the system's network configuration", ValueKind.Block)),
        Add(NotActed(T, "linkbeat_interfaces", "link state comes from netlink", ValueKind.Block)),
        Add(NotActed(T, "vrrp_track_process", "process tracking is not implemented", ValueKind.Block)),
        Add(NotActed(T, "garp_group", "GARP groups are not implemented", ValueKind.Block)),
        Add(NotActed(T, "static_track_group", Trackers, ValueKind.Block)),
        Add(NotActed(T, "net_namespace", "run the daemon in the namespace instead (ip netns exec)")),
        Add(NotActed(T, "interface_up_down_delays", "link changes take effect at once")),
        .. Many(T, ProcessTuning, "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir", "linkbeat_use_polling", "child_wait_time"),
    ];

    private const string S = Blocks.SyncGroup;

    /// <summary>group { names }.</summary>
    public static readonly Keyword SyncGroupMembers = Add(new() { Block = S, Name = "group", Toml = "sync_group.instances", Kind = ValueKind.List, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "member instances" });
    /// <summary>The sync group's name (vrrp_sync_group's argument).</summary>
    public static readonly Keyword SyncGroupName = Add(new() { Block = S, Toml = "sync_group.name", Kind = ValueKind.Text, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "the group's name (keepalived: vrrp_sync_group NAME)" });
    /// <summary>The [sync_group.notify] table.</summary>
    public static readonly Keyword SyncNotifyTable = Add(new() { Block = S, Toml = "sync_group.notify", Kind = ValueKind.Block, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "the group's notify scripts" });
    /// <summary>notify.</summary>
    public static readonly Keyword SyncNotify = Add(new() { Block = S, Name = "notify", Toml = "sync_group.notify.notify", Kind = ValueKind.Command, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "group notify script" });
    /// <summary>notify_master.</summary>
    public static readonly Keyword SyncNotifyMaster = Add(new() { Block = S, Name = "notify_master", Toml = "sync_group.notify.master", Kind = ValueKind.Command, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "group notify on master" });
    /// <summary>notify_backup.</summary>
    public static readonly Keyword SyncNotifyBackup = Add(new() { Block = S, Name = "notify_backup", Toml = "sync_group.notify.backup", Kind = ValueKind.Command, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "group notify on backup" });
    /// <summary>notify_fault.</summary>
    public static readonly Keyword SyncNotifyFault = Add(new() { Block = S, Name = "notify_fault", Toml = "sync_group.notify.fault", Kind = ValueKind.Command, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "group notify on fault" });
    /// <summary>notify_stop.</summary>
    public static readonly Keyword SyncNotifyStop = Add(new() { Block = S, Name = "notify_stop", Toml = "sync_group.notify.stop", Kind = ValueKind.Command, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "group notify on stop" });
    /// <summary>The TOML-only master_rx_lower_pri of a group's notify table (never set from keepalived.conf).</summary>
    public static readonly Keyword SyncNotifyMasterRxLowerPri = Add(new() { Block = S, Toml = "sync_group.notify.master_rx_lower_pri", Kind = ValueKind.Command, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "accepted for symmetry with instance notify tables" });
    /// <summary>smtp_alert.</summary>
    public static readonly Keyword SyncSmtpAlert = Add(new() { Block = S, Name = "smtp_alert", Toml = "sync_group.smtp_alert", Kind = ValueKind.Bool, Status = KeywordStatus.NotActed, Reason = SyncGroups, Summary = "mail on group state changes" });

    internal static readonly Keyword[] SyncGroupNotActed =
    [
        Add(NotActed(S, "track_interface", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "track_script", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "track_file", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "track_bfd", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "track_process", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "global_tracking", SyncGroups)),
        Add(NotActed(S, "sync_group_tracking_weight", SyncGroups)),
        Add(NotActed(S, "notify_priority_changes", SyncGroups)),
    ];

    private const string V = Blocks.Script;

    /// <summary>The script's name (vrrp_script's argument).</summary>
    public static readonly Keyword ScriptName = Add(new() { Block = V, Toml = "script.name", Kind = ValueKind.Text, Status = KeywordStatus.NotActed, Reason = Scripts, Summary = "the script's name (keepalived: vrrp_script NAME)" });
    /// <summary>script.</summary>
    public static readonly Keyword ScriptCommand = Add(new() { Block = V, Name = "script", Toml = "script.script", Kind = ValueKind.Command, Status = KeywordStatus.NotActed, Reason = Scripts, Summary = "the command line; required" });
    /// <summary>interval.</summary>
    public static readonly Keyword ScriptInterval = Add(new() { Block = V, Name = "interval", Toml = "script.interval", Kind = ValueKind.Integer, Min = 1, Max = 86400, Default = 1, Unit = "s", Status = KeywordStatus.NotActed, Reason = Scripts, Summary = "run it this often" });
    /// <summary>timeout.</summary>
    public static readonly Keyword ScriptTimeout = Add(new() { Block = V, Name = "timeout", Toml = "script.timeout", Kind = ValueKind.Integer, Min = 0, Max = 86400, Default = 0, DefaultText = "0: the interval", Unit = "s", Status = KeywordStatus.NotActed, Reason = Scripts, Summary = "a run that takes longer fails" });
    /// <summary>weight.</summary>
    public static readonly Keyword ScriptWeight = Add(new() { Block = V, Name = "weight", Toml = "script.weight", Kind = ValueKind.Integer, Min = -253, Max = 253, Default = 0, Status = KeywordStatus.NotActed, Reason = Scripts, Summary = "priority change while it fails (negative) or succeeds (positive); 'reverse' may follow" });
    /// <summary>rise.</summary>
    public static readonly Keyword ScriptRise = Add(new() { Block = V, Name = "rise", Toml = "script.rise", Kind = ValueKind.Integer, Min = 1, Max = 1000, Default = 1, Status = KeywordStatus.NotActed, Reason = Scripts, Summary = "successes in a row before it counts as up" });
    /// <summary>fall.</summary>
    public static readonly Keyword ScriptFall = Add(new() { Block = V, Name = "fall", Toml = "script.fall", Kind = ValueKind.Integer, Min = 1, Max = 1000, Default = 1, Status = KeywordStatus.NotActed, Reason = Scripts, Summary = "failures in a row before it counts as down" });
    /// <summary>user.</summary>
    public static readonly Keyword ScriptUserOf = Add(new() { Block = V, Name = "user", Toml = "script.user", Kind = ValueKind.Text, DefaultText = "script_user", Status = KeywordStatus.NotActed, Reason = Scripts, Summary = "user (and group) it runs as" });
    /// <summary>init_fail.</summary>
    public static readonly Keyword ScriptInitFail = Add(NotActed(V, "init_fail", Scripts, ValueKind.Flag));

    private const string F = Blocks.TrackFile;

    /// <summary>The track file's name (track_file's argument).</summary>
    public static readonly Keyword TrackFileName = Add(new() { Block = F, Toml = "track_file.name", Kind = ValueKind.Text, Status = KeywordStatus.NotActed, Reason = Files, Summary = "the track file's name (keepalived: track_file NAME)" });
    /// <summary>file.</summary>
    public static readonly Keyword TrackFilePath = Add(new() { Block = F, Name = "file", Toml = "track_file.file", Kind = ValueKind.Text, Status = KeywordStatus.NotActed, Reason = Files, Summary = "the file holding a number; required" });
    /// <summary>weight.</summary>
    public static readonly Keyword TrackFileWeight = Add(new() { Block = F, Name = "weight", Toml = "track_file.weight", Kind = ValueKind.Integer, Min = -254, Max = 254, Default = 1, Status = KeywordStatus.NotActed, Reason = Files, Summary = "multiplies the number read" });
    /// <summary>init_file.</summary>
    public static readonly Keyword TrackFileInit = Add(NotActed(F, "init_file", Files));
}
