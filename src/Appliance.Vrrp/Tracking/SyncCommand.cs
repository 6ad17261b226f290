namespace Appliance.Vrrp.Tracking;

/// <summary>What a sync group asks of one member.</summary>
public enum SyncCommandKind : byte
{
    /// <summary>Become MASTER now: another member became MASTER (keepalived vrrp_sync_master).</summary>
    GoMaster,

    /// <summary>Leave MASTER for BACKUP now: another member left MASTER (keepalived vrrp_sync_backup).</summary>
    GoBackup,

    /// <summary>Enter FAULT: another member is in FAULT (keepalived vrrp_sync_fault).</summary>
    EnterFault,

    /// <summary>Leave the FAULT the group imposed: no member is in FAULT of its own any more.</summary>
    LeaveFault,
}

/// <summary>One instruction from a <see cref="SyncGroupCoordinator"/> to one member.</summary>
/// <param name="Member">The member's index in the group.</param>
/// <param name="Kind">What it must do.</param>
public readonly record struct SyncCommand(int Member, SyncCommandKind Kind);
