namespace Appliance.Platform.Linux.Processes;

/// <summary>
/// Who a script runs as: user id, group id and the supplementary group list, resolved from names
/// once at start-up (<see cref="UserDatabase"/>), never in the launched process.
/// </summary>
/// <param name="User">The user name, for messages.</param>
/// <param name="Uid">The user id the script gets (real, effective and saved).</param>
/// <param name="Gid">The group id the script gets (real, effective and saved).</param>
/// <param name="Groups">The supplementary groups; keepalived sets exactly the script group.</param>
public sealed record ScriptIdentity(string User, uint Uid, uint Gid, uint[] Groups)
{
    /// <summary>root:root with only group root, the identity when no script user exists.</summary>
    public static ScriptIdentity Root { get; } = new("root", 0, 0, [0]);

    /// <summary>True when the script would run with root's user or group (script security then applies).</summary>
    public bool IsPrivileged => Uid == 0 || Gid == 0;

    /// <summary><c>user (uid 998, gid 998)</c>.</summary>
    public override string ToString() => $"{User} (uid {Uid}, gid {Gid})";
}
