namespace Appliance.Vrrp.Protocol;

/// <summary>What happened, from the instance's point of view.</summary>
public enum InputKind : byte
{
    /// <summary>Nothing arrived; the host calls with this when the instance's deadline has passed.</summary>
    Tick = 0,

    /// <summary>The Startup event of RFC 9568 §6.4.1.</summary>
    Startup,

    /// <summary>The Shutdown event: a master sends priority 0 and drops its VIPs.</summary>
    Shutdown,

    /// <summary>A syntactically valid advertisement for this VRID arrived.</summary>
    Advert,

    /// <summary>The instance's interface (or a tracked one) came up: leave Fault.</summary>
    InterfaceUp,

    /// <summary>The instance's interface (or a tracked one) went down: go Fault.</summary>
    InterfaceDown,

    /// <summary>Trackers changed the effective priority (keepalived weights).</summary>
    PriorityChanged,

    /// <summary>The split-brain arbiter says whether the current master is still heard on another
    /// channel; while inhibited a backup whose master-down timer fires does not take over.</summary>
    TakeoverInhibit,

    /// <summary>The host's primary address on the interface changed (used in the tie-break and as
    /// the advert source).</summary>
    PrimaryAddressChanged,

    /// <summary>Another member of this instance's sync group became Master: a Backup becomes
    /// Master now (keepalived vrrp_sync_master).</summary>
    SyncGroupMaster,

    /// <summary>Another member of this instance's sync group left Master: a Master becomes Backup
    /// now (keepalived vrrp_sync_backup).</summary>
    SyncGroupBackup,
}
