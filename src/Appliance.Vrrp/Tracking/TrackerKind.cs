namespace Appliance.Vrrp.Tracking;

/// <summary>What a tracker watches; the names are keepalived's keywords.</summary>
public enum TrackerKind : byte
{
    /// <summary><c>track_interface</c>, and the instance's own interface unless <c>dont_track_primary</c>.</summary>
    Interface,

    /// <summary><c>track_script</c> naming a <c>vrrp_script</c>.</summary>
    Script,

    /// <summary><c>track_file</c> naming a <c>track_file</c> block: the number in the file times the weight.</summary>
    File,

    /// <summary><c>track_process</c> naming a <c>vrrp_track_process</c>.</summary>
    Process,
}
