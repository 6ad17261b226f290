namespace Appliance.Vrrp.Protocol;

/// <summary>Why a state change happened, for logs, notify scripts and tests.</summary>
public enum StateChangeReason : byte
{
    /// <summary>Not a state change.</summary>
    None = 0,

    /// <summary>Startup as address owner (RFC 9568 §6.4.1).</summary>
    StartupOwner,

    /// <summary>Startup as a non-owner.</summary>
    StartupBackup,

    /// <summary>Master_Down_Timer fired (RFC 9568 §6.4.2).</summary>
    MasterDown,

    /// <summary>A higher-priority advert (or equal with a higher address) arrived (RFC 9568 §6.4.3).</summary>
    HigherPriorityAdvert,

    /// <summary>Preemption: our master-down timer fired after we discarded a lower-priority master's adverts.</summary>
    Preempt,

    /// <summary>Shutdown event.</summary>
    Shutdown,

    /// <summary>Interface or tracker went down.</summary>
    InterfaceDown,

    /// <summary>Interface or tracker came back.</summary>
    InterfaceUp,

    /// <summary>The arbiter's policy sent the instance to Fault on a LAN fault.</summary>
    LanFault,

    /// <summary>The LAN fault is over and nothing else holds the instance in Fault: a fresh start.</summary>
    LanFaultCleared,

    /// <summary>A master lost the RFC 9568 §6.4.3 tie-break to a master heard on a heartbeat channel.</summary>
    YieldTo,

    /// <summary>An operator put the instance into maintenance.</summary>
    Maintenance,

    /// <summary>Maintenance is over and nothing else holds the instance in Fault: a fresh start.</summary>
    MaintenanceOver,
}
