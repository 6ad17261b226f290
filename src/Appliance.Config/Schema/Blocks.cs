namespace Appliance.Config.Schema;

/// <summary>The keepalived blocks keywords live in, in the order the docs list them.</summary>
public static class Blocks
{
    /// <summary>Outside any block.</summary>
    public const string Top = "top level";
    /// <summary>global_defs.</summary>
    public const string Global = "global_defs";
    /// <summary>vrrp_instance NAME.</summary>
    public const string Instance = "vrrp_instance";
    /// <summary>authentication inside vrrp_instance.</summary>
    public const string Authentication = "authentication";
    /// <summary>vrrp_sync_group NAME.</summary>
    public const string SyncGroup = "vrrp_sync_group";
    /// <summary>vrrp_script NAME.</summary>
    public const string Script = "vrrp_script";
    /// <summary>track_file NAME.</summary>
    public const string TrackFile = "track_file";
    /// <summary>vrrp_track_process NAME { ... }.</summary>
    public const string TrackProcess = "vrrp_track_process";
    /// <summary>appliance_heartbeat (our extension).</summary>
    public const string Heartbeat = "appliance_heartbeat";
    /// <summary>channel NAME inside appliance_heartbeat.</summary>
    public const string Channel = "channel";
    /// <summary>fence inside appliance_heartbeat.</summary>
    public const string Fence = "fence";
    /// <summary>appliance_board (our extension).</summary>
    public const string Board = "appliance_board";
    /// <summary>leds inside appliance_board.</summary>
    public const string Leds = "leds";
    /// <summary>watchdog inside appliance_board.</summary>
    public const string Watchdog = "watchdog";

    /// <summary>Every block, in docs order.</summary>
    public static readonly IReadOnlyList<string> All =
        [Top, Global, Instance, Authentication, SyncGroup, Script, TrackFile, TrackProcess, Heartbeat, Channel, Fence, Board, Leds, Watchdog];
}
