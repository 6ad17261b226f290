using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Security;

/// <summary>
/// A throw-away script user and group for the privilege tests (created with groupadd/useradd when
/// absent, removed again afterwards if this fixture created them). Needs root, as CI has.
/// </summary>
public sealed class ScriptUserFixture : IDisposable
{
    public const string User = "apsec-script";
    public const string Group = "apsec-scripts";
    private readonly bool _createdUser;
    private readonly bool _createdGroup;

    public ScriptUserFixture()
    {
        if (!Shell.IsRoot || !Shell.Has("useradd")) return;
        if (Shell.TryRun("getent", "group", Group).Code != 0)
        {
            Shell.Run("groupadd", "--system", Group);
            _createdGroup = true;
        }
        if (Shell.TryRun("getent", "passwd", User).Code != 0)
        {
            Shell.Run("useradd", "--system", "--no-create-home", "--gid", Group, "--shell", "/usr/sbin/nologin", User);
            _createdUser = true;
        }
        Uid = uint.Parse(Shell.Run("id", "-u", User).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Gid = uint.Parse(Shell.Run("getent", "group", Group).Split(':')[2], System.Globalization.CultureInfo.InvariantCulture);
        Available = true;
    }

    /// <summary>False when not root (the tests then skip loudly).</summary>
    public bool Available { get; }

    public uint Uid { get; }

    public uint Gid { get; }

    /// <summary>What <c>id</c> prints for a process that runs as the script user with only the script group.</summary>
    public string ExpectedId => $"uid={Uid}({User}) gid={Gid}({Group}) groups={Gid}({Group})";

    public void Dispose()
    {
        if (_createdUser) Shell.TryRun("userdel", User);
        if (_createdGroup) Shell.TryRun("groupdel", Group);
    }
}
