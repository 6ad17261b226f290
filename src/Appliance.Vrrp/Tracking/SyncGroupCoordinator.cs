using Appliance.Vrrp.Protocol;

namespace Appliance.Vrrp.Tracking;

/// <summary>
/// One <c>vrrp_sync_group</c>: its members move together (keepalived 2.2.7 vrrp_sync.c). Pure:
/// the host reports each member's state changes and its own fault causes (link, trackers); the
/// coordinator answers with commands for the other members and keeps the group's state, whose
/// changes the host announces to the group's notify scripts (<c>GROUP name STATE 0</c>).
/// <list type="bullet">
/// <item>a member in FAULT of its own takes the whole group to FAULT, and the group leaves FAULT
/// only when no member has a fault of its own;</item>
/// <item>a member that becomes MASTER takes every BACKUP member to MASTER;</item>
/// <item>a member that leaves MASTER for BACKUP takes every MASTER member to BACKUP.</item>
/// </list>
/// A command's own state change comes back as a report and changes nothing more, because the
/// group is already in that state; so reports never cascade.
/// </summary>
public sealed class SyncGroupCoordinator
{
    private readonly VrrpState[] _states;
    private readonly bool[] _ownFault;
    private int _ownFaults;

    /// <summary>A group of <paramref name="memberCount"/> members, all in Initialize.</summary>
    public SyncGroupCoordinator(string name, int memberCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memberCount, 1);
        Name = name;
        _states = new VrrpState[memberCount];
        _ownFault = new bool[memberCount];
    }

    /// <summary>The group's name.</summary>
    public string Name { get; }

    /// <summary>Members in the group.</summary>
    public int MemberCount => _states.Length;

    /// <summary>The group's state: Initialize until the first member settles, then the state the
    /// members were last synchronised to.</summary>
    public VrrpState State { get; private set; }

    /// <summary>True while some member is in FAULT of its own, which holds every member in FAULT.</summary>
    public bool GroupFault => _ownFaults > 0;

    /// <summary>Times the group changed state (each is one group notification).</summary>
    public long Transitions { get; private set; }

    /// <summary>The last reported state of a member.</summary>
    public VrrpState MemberState(int member) => _states[member];

    /// <summary>
    /// Reports whether <paramref name="member"/> has a fault of its own. When this starts or ends
    /// the group's FAULT, every other member gets <see cref="SyncCommandKind.EnterFault"/> or
    /// <see cref="SyncCommandKind.LeaveFault"/>. Returns true when <see cref="State"/> changed.
    /// </summary>
    public bool SetOwnFault(int member, bool fault, List<SyncCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        if (_ownFault[member] == fault) return false;
        bool before = GroupFault;
        _ownFault[member] = fault;
        _ownFaults += fault ? 1 : -1;
        if (GroupFault == before) return false;
        for (int i = 0; i < _states.Length; i++)
            if (i != member) commands.Add(new SyncCommand(i, GroupFault ? SyncCommandKind.EnterFault : SyncCommandKind.LeaveFault));
        if (GroupFault) return Enter(VrrpState.Fault);
        return false; // the group leaves FAULT when its members report BACKUP or MASTER again
    }

    /// <summary>Reports that <paramref name="member"/> entered <paramref name="to"/>; appends the
    /// commands for the other members. Returns true when <see cref="State"/> changed.</summary>
    public bool OnMemberState(int member, VrrpState to, List<SyncCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var from = _states[member];
        _states[member] = to;
        if (from == to) return false;
        switch (to)
        {
            case VrrpState.Master:
                if (GroupFault || State == VrrpState.Master) return false;
                for (int i = 0; i < _states.Length; i++)
                    if (i != member && _states[i] == VrrpState.Backup) commands.Add(new SyncCommand(i, SyncCommandKind.GoMaster));
                return Enter(VrrpState.Master);
            case VrrpState.Backup:
                if (GroupFault || State == VrrpState.Backup) return false;
                if (State == VrrpState.Master)
                {
                    for (int i = 0; i < _states.Length; i++)
                        if (i != member && _states[i] == VrrpState.Master) commands.Add(new SyncCommand(i, SyncCommandKind.GoBackup));
                    return Enter(VrrpState.Backup);
                }
                // Leaving Initialize or FAULT: the group is BACKUP once no member is MASTER.
                foreach (var s in _states)
                    if (s == VrrpState.Master) return false;
                return Enter(VrrpState.Backup);
            case VrrpState.Fault:
                // A FAULT the group imposed comes back here; a member's own FAULT arrives through
                // SetOwnFault first, so the group is already in FAULT either way.
                return GroupFault && Enter(VrrpState.Fault);
            default:
                return false;
        }
    }

    private bool Enter(VrrpState state)
    {
        if (State == state) return false;
        State = state;
        Transitions++;
        return true;
    }
}
