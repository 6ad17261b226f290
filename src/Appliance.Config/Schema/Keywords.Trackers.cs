namespace Appliance.Config.Schema;

public static partial class Keywords
{
    private const string T = Blocks.Top;
    private const string SyncGroups = "a sync group's own trackers are not enforced; track in each member instance instead";
    
    /// <summary>global_defs.</summary>
    public static readonly Keyword GlobalDefs = Add(new() { Block = T, Name = "global_defs", Toml = "global", Kind = ValueKind.Block, Summary = "settings for the whole daemon" });
    /// <summary>vrrp_instance NAME.</summary>
    public static readonly Keyword VrrpInstance = Add(new() { Block = T, Name = "vrrp_instance", Toml = "instance", Kind = ValueKind.Block, Summary = "one virtual router (TOML: [[instance]])" });
    /// <summary>vrrp_sync_group NAME.</summary>
    public static readonly Keyword VrrpSyncGroup = Add(new() { Block = T, Name = "vrrp_sync_group", Toml = "sync_group", Kind = ValueKind.Block, Summary = "instances that change state together (TOML: [[sync_group]])" });
    /// <summary>vrrp_script NAME.</summary>
    public static readonly Keyword VrrpScript = Add(new() { Block = T, Name = "vrrp_script", Toml = "script", Kind = ValueKind.Block, Summary = "a check script that instances track (TOML: [[script]])" });
    /// <summary>track_file NAME / vrrp_track_file NAME.</summary>
    public static readonly Keyword TrackFileBlock = Add(new() { Block = T, Name = "track_file", Aliases = ["vrrp_track_file"], Toml = "track_file", Kind = ValueKind.Block, Summary = "a file whose number instances track (TOML: [[track_file]])" });
    /// <summary>vrrp_track_process NAME.</summary>
    public static readonly Keyword TrackProcessBlock = Add(new() { Block = T, Name = "vrrp_track_process", Toml = "track_process", Kind = ValueKind.Block, Summary = "running processes that instances track, counted through the kernel's process events (TOML: [[track_process]])" });
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
        Add(NotActed(T, "garp_group", "GARP groups are not implemented", ValueKind.Block)),
        Add(NotActed(T, "static_track_group", Trackers, ValueKind.Block)),
        Add(NotActed(T, "net_namespace", "run the daemon in the namespace instead (ip netns exec)")),
        Add(NotActed(T, "interface_up_down_delays", "link changes take effect at once")),
        .. Many(T, ProcessTuning, "net_namespace_ipvs", "namespace_with_ipsets", "instance", "use_pid_dir", "linkbeat_use_polling", "child_wait_time"),
    ];

    private const string S = Blocks.SyncGroup;

    /// <summary>group { names }.</summary>
    public static readonly Keyword SyncGroupMembers = Add(new() { Block = S, Name = "group", Toml = "sync_group.instances", Kind = ValueKind.List, Summary = "member instances" });
    /// <summary>The sync group's name (vrrp_sync_group's argument).</summary>
    public static readonly Keyword SyncGroupName = Add(new() { Block = S, Toml = "sync_group.name", Kind = ValueKind.Text, Summary = "the group's name (keepalived: vrrp_sync_group NAME)" });
    /// <summary>The [sync_group.notify] table.</summary>
    public static readonly Keyword SyncNotifyTable = Add(new() { Block = S, Toml = "sync_group.notify", Kind = ValueKind.Block, Summary = "the group's notify scripts" });
    /// <summary>notify.</summary>
    public static readonly Keyword SyncNotify = Add(new() { Block = S, Name = "notify", Toml = "sync_group.notify.notify", Kind = ValueKind.Command, Summary = "group notify script" });
    /// <summary>notify_master.</summary>
    public static readonly Keyword SyncNotifyMaster = Add(new() { Block = S, Name = "notify_master", Toml = "sync_group.notify.master", Kind = ValueKind.Command, Summary = "group notify on master" });
    /// <summary>notify_backup.</summary>
    public static readonly Keyword SyncNotifyBackup = Add(new() { Block = S, Name = "notify_backup", Toml = "sync_group.notify.backup", Kind = ValueKind.Command, Summary = "group notify on backup" });
    /// <summary>notify_fault.</summary>
    public static readonly Keyword SyncNotifyFault = Add(new() { Block = S, Name = "notify_fault", Toml = "sync_group.notify.fault", Kind = ValueKind.Command, Summary = "group notify on fault" });
    /// <summary>notify_stop.</summary>
    public static readonly Keyword SyncNotifyStop = Add(new() { Block = S, Name = "notify_stop", Toml = "sync_group.notify.stop", Kind = ValueKind.Command, Summary = "group notify on stop" });
    /// <summary>The TOML-only master_rx_lower_pri of a group's notify table (never set from keepalived.conf).</summary>
    public static readonly Keyword SyncNotifyMasterRxLowerPri = Add(new() { Block = S, Toml = "sync_group.notify.master_rx_lower_pri", Kind = ValueKind.Command, Summary = "accepted for symmetry with instance notify tables" });
    /// <summary>smtp_alert.</summary>
    public static readonly Keyword SyncSmtpAlert = Add(new() { Block = S, Name = "smtp_alert", Toml = "sync_group.smtp_alert", Kind = ValueKind.Bool, Summary = "mail on group state changes" });

    /// <summary>sync_group_tracking_weight.</summary>
    public static readonly Keyword SyncTrackingWeight = Add(new() { Block = S, Name = "sync_group_tracking_weight", Toml = "sync_group.tracking_weight", Kind = ValueKind.Flag, Summary = "members' tracker weights apply to the group instead of forcing FAULT" });

    internal static readonly Keyword[] SyncGroupNotActed =
    [
        Add(NotActed(S, "track_interface", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "track_script", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "track_file", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "track_bfd", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "track_process", SyncGroups, ValueKind.List)),
        Add(NotActed(S, "global_tracking", SyncGroups)),
        Add(NotActed(S, "notify_priority_changes", SyncGroups)),
    ];

    private const string V = Blocks.Script;

    /// <summary>The script's name (vrrp_script's argument).</summary>
    public static readonly Keyword ScriptName = Add(new() { Block = V, Toml = "script.name", Kind = ValueKind.Text, Summary = "the script's name (keepalived: vrrp_script NAME)" });
    /// <summary>script.</summary>
    public static readonly Keyword ScriptCommand = Add(new() { Block = V, Name = "script", Toml = "script.script", Kind = ValueKind.Command, Summary = "the command line; required" });
    /// <summary>interval.</summary>
    public static readonly Keyword ScriptInterval = Add(new() { Block = V, Name = "interval", Toml = "script.interval", Kind = ValueKind.Integer, Min = 1, Max = 86400, Default = 1, Unit = "s", Summary = "run it this often" });
    /// <summary>timeout.</summary>
    public static readonly Keyword ScriptTimeout = Add(new() { Block = V, Name = "timeout", Toml = "script.timeout", Kind = ValueKind.Integer, Min = 0, Max = 86400, Default = 0, DefaultText = "0: the interval", Unit = "s", Summary = "a run that takes longer fails" });
    /// <summary>weight.</summary>
    public static readonly Keyword ScriptWeight = Add(new() { Block = V, Name = "weight", Toml = "script.weight", Kind = ValueKind.Integer, Min = -253, Max = 253, Default = 0, Summary = "priority change while it fails (negative) or succeeds (positive); 'reverse' may follow" });
    /// <summary>rise.</summary>
    public static readonly Keyword ScriptRise = Add(new() { Block = V, Name = "rise", Toml = "script.rise", Kind = ValueKind.Integer, Min = 1, Max = 1000, Default = 1, Summary = "successes in a row before it counts as up" });
    /// <summary>fall.</summary>
    public static readonly Keyword ScriptFall = Add(new() { Block = V, Name = "fall", Toml = "script.fall", Kind = ValueKind.Integer, Min = 1, Max = 1000, Default = 1, Summary = "failures in a row before it counts as down" });
    /// <summary>user.</summary>
    public static readonly Keyword ScriptUserOf = Add(new() { Block = V, Name = "user", Toml = "script.user", Kind = ValueKind.Text, DefaultText = "script_user", Summary = "user (and group) it runs as" });
    /// <summary>init_fail.</summary>
    public static readonly Keyword ScriptInitFail = Add(new() { Block = V, Name = "init_fail", Toml = "script.init_fail", Kind = ValueKind.Flag, Summary = "start as failed until the first run succeeds" });
    /// <summary>The TOML form of a weight's 'reverse' word.</summary>
    public static readonly Keyword ScriptReverse = Add(new() { Block = V, Toml = "script.reverse", Kind = ValueKind.Bool, Summary = "the weight applies the other way round (keepalived: weight N reverse)" });

    private const string F = Blocks.TrackFile;

    /// <summary>The track file's name (track_file's argument).</summary>
    public static readonly Keyword TrackFileName = Add(new() { Block = F, Toml = "track_file.name", Kind = ValueKind.Text, Summary = "the track file's name (keepalived: track_file NAME)" });
    /// <summary>file.</summary>
    public static readonly Keyword TrackFilePath = Add(new() { Block = F, Name = "file", Toml = "track_file.file", Kind = ValueKind.Text, Summary = "the file holding a number; required" });
    /// <summary>weight.</summary>
    public static readonly Keyword TrackFileWeight = Add(new() { Block = F, Name = "weight", Toml = "track_file.weight", Kind = ValueKind.Integer, Min = -254, Max = 254, Default = 1, Summary = "multiplies the number read" });
    /// <summary>init_file.</summary>
    public static readonly Keyword TrackFileInit = Add(new() { Block = F, Name = "init_file", Toml = "track_file.init_file", Kind = ValueKind.Integer, Min = -254, Max = 254, Default = 0, Summary = "create the file with this value at start-up if it is missing ('overwrite' always writes it)" });
    /// <summary>The TOML form of init_file's 'overwrite' word.</summary>
    public static readonly Keyword TrackFileInitOverwrite = Add(new() { Block = F, Toml = "track_file.init_file_overwrite", Kind = ValueKind.Bool, Summary = "write init_file's value even when the file exists" });

    private const string P = Blocks.TrackProcess;

    /// <summary>The tracker's name (vrrp_track_process's argument).</summary>
    public static readonly Keyword TrackProcessName = Add(new() { Block = P, Toml = "track_process.name", Kind = ValueKind.Text, Summary = "the tracker's name (keepalived: vrrp_track_process NAME)" });
    /// <summary>process NAME [PARAMETERS...].</summary>
    public static readonly Keyword TrackProcessProcess = Add(new() { Block = P, Name = "process", Toml = "track_process.process", Kind = ValueKind.Command, Summary = "the process name (its comm, at most 15 characters) or, with parameters or full_command, argv[0]; parameters that follow are matched too; required" });
    /// <summary>param_match [initial|partial].</summary>
    public static readonly Keyword TrackProcessParamMatch = Add(new() { Block = P, Name = "param_match", Toml = "track_process.param_match", Kind = ValueKind.Choice, Allowed = ["exact", "initial", "partial"], DefaultText = "exact when parameters are given", Summary = "how parameters compare: exact; partial (the given ones start the process's); initial (as partial, and the last may be cut short); keepalived spells exact as the bare keyword" });
    /// <summary>weight N [reverse].</summary>
    public static readonly Keyword TrackProcessWeight = Add(new() { Block = P, Name = "weight", Toml = "track_process.weight", Kind = ValueKind.Integer, Min = -254, Max = 254, Default = 0, Summary = "priority change while the quorum is lost (negative) or met (positive); 0: FAULT while lost; 'reverse' may follow" });
    /// <summary>The TOML form of a weight's 'reverse' word.</summary>
    public static readonly Keyword TrackProcessReverse = Add(new() { Block = P, Toml = "track_process.reverse", Kind = ValueKind.Bool, Summary = "the weight applies the other way round (keepalived: weight N reverse)" });
    /// <summary>quorum.</summary>
    public static readonly Keyword TrackProcessQuorum = Add(new() { Block = P, Name = "quorum", Toml = "track_process.quorum", Kind = ValueKind.Integer, Min = 1, Max = 65535, Default = 1, Summary = "fewest matching processes for the tracker to be up" });
    /// <summary>quorum_max.</summary>
    public static readonly Keyword TrackProcessQuorumMax = Add(new() { Block = P, Name = "quorum_max", Toml = "track_process.quorum_max", Kind = ValueKind.Integer, Min = 1, Max = 65535, DefaultText = "no limit", Summary = "most matching processes for the tracker to be up" });
    /// <summary>fork_delay.</summary>
    public static readonly Keyword TrackProcessForkDelay = Add(new() { Block = P, Name = "fork_delay", Toml = "track_process.fork_delay", Kind = ValueKind.Seconds, Min = 0, Max = 3600, Default = 0, Unit = "s", Summary = "wait this long before a quorum gained by a tracked process forking counts" });
    /// <summary>terminate_delay.</summary>
    public static readonly Keyword TrackProcessTerminateDelay = Add(new() { Block = P, Name = "terminate_delay", Toml = "track_process.terminate_delay", Kind = ValueKind.Seconds, Min = 0, Max = 3600, Default = 0, Unit = "s", Summary = "wait this long before a quorum lost by a process exiting counts" });
    /// <summary>delay: both delays.</summary>
    public static readonly Keyword TrackProcessDelay = Add(new() { Block = P, Name = "delay", Kind = ValueKind.Seconds, Min = 0, Max = 3600, Unit = "s", Summary = "sets fork_delay and terminate_delay together (TOML: set both)" });
    /// <summary>full_command.</summary>
    public static readonly Keyword TrackProcessFullCommand = Add(new() { Block = P, Name = "full_command", Toml = "track_process.full_command", Kind = ValueKind.Flag, Summary = "compare argv[0] from the command line rather than the 15-character comm" });
}
