namespace Appliance.Vrrp.Events;

/// <summary>What an <see cref="ApplianceEvent"/> reports. The notify names match keepalived's where they exist.</summary>
public enum EventKind : byte
{
    /// <summary>An instance changed state (notify: INSTANCE "VI_1" MASTER 100).</summary>
    StateChanged,

    /// <summary>The LAN is silent but another channel still hears the master: takeover withheld.</summary>
    LanFault,

    /// <summary>Two masters seen for one VRID on some channel.</summary>
    SplitBrainSuspected,

    /// <summary>A heartbeat channel lost its peer.</summary>
    ChannelDown,

    /// <summary>A heartbeat channel hears its peer again.</summary>
    ChannelUp,

    /// <summary>A fence command was run against a peer.</summary>
    Fenced,

    /// <summary>The HA loop is unhealthy and the watchdog is no longer being fed.</summary>
    WatchdogStarving,

    /// <summary>Maintenance mode began (the board's button or the operator): the router hands its
    /// mastership over with priority 0 and stays out of the election until it ends.</summary>
    MaintenanceOn,

    /// <summary>Maintenance mode ended: the instances start again.</summary>
    MaintenanceOff,

    /// <summary>A vrrp_sync_group changed state (notify: GROUP "VG_1" MASTER 0). The group's name
    /// is in <see cref="ApplianceEvent.Instance"/>.</summary>
    GroupStateChanged,

    /// <summary>A master heard a lower-priority advert (keepalived's VRRP_EVENT_MASTER_RX_LOWER_PRI;
    /// FIFO: INSTANCE "VI_1" MASTER_RX_LOWER_PRI 100, with our priority): notify_master_rx_lower_pri
    /// runs. Published once per such advert, as keepalived does.</summary>
    MasterRxLowerPriority,
}
