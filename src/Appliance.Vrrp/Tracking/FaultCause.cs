namespace Appliance.Vrrp.Tracking;

/// <summary>Why an instance is held in FAULT. Several can hold at once; it leaves FAULT when none does.</summary>
[Flags]
public enum FaultCause : byte
{
    /// <summary>Nothing holds it.</summary>
    None = 0,

    /// <summary>Its own (or its VMAC's) interface is not running, and <c>dont_track_primary</c> is off.</summary>
    Link = 1,

    /// <summary>A weight-0 tracker failed (or a file reached -254).</summary>
    Tracker = 2,

    /// <summary>Another member of its <c>vrrp_sync_group</c> is in FAULT.</summary>
    SyncGroup = 4,
}
