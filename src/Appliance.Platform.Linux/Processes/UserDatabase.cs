using System.Runtime.InteropServices;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Processes;

/// <summary>
/// User and group names to ids through glibc's NSS (<c>getpwnam_r</c>, <c>getgrnam_r</c>), so
/// <c>/etc/passwd</c>, LDAP or systemd-userdb all work. Called at start-up and on reload only.
/// </summary>
public static unsafe class UserDatabase
{
    /// <summary>Looks up a user; null when there is no such user, with <paramref name="error"/> set when the lookup itself failed.</summary>
    public static (uint Uid, uint Gid)? FindUser(string name, out string? error)
    {
        error = null;
        for (int size = 1024; size <= 1 << 20; size *= 4)
        {
            byte* buf = (byte*)NativeMemory.Alloc((nuint)size);
            try
            {
                Passwd pwd;
                Passwd* result = null;
                int rc = getpwnam_r(name, &pwd, buf, (nuint)size, &result);
                if (rc == ERANGE) continue;
                if (rc != 0)
                {
                    error = $"looking up user '{name}' failed: {Marshal.GetPInvokeErrorMessage(rc)}";
                    return null;
                }
                return result is null ? null : (pwd.pw_uid, pwd.pw_gid);
            }
            finally
            {
                NativeMemory.Free(buf);
            }
        }
        error = $"looking up user '{name}' failed: its entry is larger than 1 MiB";
        return null;
    }

    /// <summary>Looks up a group id; null when there is no such group, with <paramref name="error"/> set when the lookup itself failed.</summary>
    public static uint? FindGroup(string name, out string? error)
    {
        error = null;
        for (int size = 1024; size <= 1 << 20; size *= 4)
        {
            byte* buf = (byte*)NativeMemory.Alloc((nuint)size);
            try
            {
                Group grp;
                Group* result = null;
                int rc = getgrnam_r(name, &grp, buf, (nuint)size, &result);
                if (rc == ERANGE) continue;
                if (rc != 0)
                {
                    error = $"looking up group '{name}' failed: {Marshal.GetPInvokeErrorMessage(rc)}";
                    return null;
                }
                return result is null ? null : grp.gr_gid;
            }
            finally
            {
                NativeMemory.Free(buf);
            }
        }
        error = $"looking up group '{name}' failed: its entry is larger than 1 MiB";
        return null;
    }

    /// <summary>
    /// keepalived's <c>script_user USER [GROUP]</c> (and a vrrp_script's <c>user</c>): the user's ids, the
    /// named group instead of the user's primary group when given, and that one group as the only
    /// supplementary group (keepalived 2.2.7 calls <c>setgroups(1, &amp;gid)</c>). Null with an
    /// operator-readable <paramref name="error"/> when a name does not resolve.
    /// </summary>
    public static ScriptIdentity? Resolve(string user, string? group, out string? error)
    {
        var u = FindUser(user, out error);
        if (u is null)
        {
            error ??= $"script user '{user}' does not exist on this host";
            return null;
        }
        uint gid = u.Value.Gid;
        if (group is not null)
        {
            var g = FindGroup(group, out error);
            if (g is null)
            {
                error ??= $"script group '{group}' does not exist on this host";
                return null;
            }
            gid = g.Value;
        }
        return new ScriptIdentity(user, u.Value.Uid, gid, [gid]);
    }
}
