namespace Appliance.Vrrp.Protocol;

/// <summary>
/// The instance states of RFC 9568 §6.4 plus Fault. RFC 9568 renames Master to Active; we keep
/// Master because that is the word keepalived users, notify scripts and the FIFO line format use.
/// </summary>
public enum VrrpState : byte
{
    /// <summary>Not started yet, or stopped (RFC 9568 §6.4.1).</summary>
    Initialize = 0,

    /// <summary>Monitoring the master; owns no VIPs (RFC 9568 §6.4.2).</summary>
    Backup = 1,

    /// <summary>Forwarding for the VIPs and advertising (RFC 9568 §6.4.3, "Active").</summary>
    Master = 2,

    /// <summary>Not in the RFC: the interface is down or a tracker failed, so the instance neither
    /// advertises nor takes over (keepalived's FAULT).</summary>
    Fault = 3,
}
