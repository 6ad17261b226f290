namespace Appliance.Operations;

/// <summary>Who may use the control socket: root, and members of <c>global.control_group</c>
/// when one is configured (its id resolved once at start-up, off the loop's steady state).</summary>
internal sealed class ControlAccess(uint? groupId, string? groupName)
{
    /// <summary>The configured group's name, for the refusal message.</summary>
    public string? GroupName => groupName;

    /// <summary>True when <paramref name="peer"/> may send requests.</summary>
    public bool Allows(in PeerCredentials peer) => peer.Uid == 0 || (groupId is uint g && peer.InGroup(g));

    /// <summary>The refusal sentence a peer gets.</summary>
    public string Refusal(in PeerCredentials peer) => groupName is null
        ? $"permission denied: uid {peer.Uid} is not root, and no control group is configured (global.control_group)\n"
        : $"permission denied: uid {peer.Uid} is neither root nor in the control group '{groupName}'\n";
}
