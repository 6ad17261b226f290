using Appliance.Config.Validation;

namespace Appliance.Integration.Tests.Cli;

/// <summary>A host with the interfaces and scripts a test says it has.</summary>
internal sealed class FakeHost : HostProbe
{
    public HashSet<string> Interfaces { get; } = new(StringComparer.Ordinal) { "eth0", "eth1" };

    /// <summary>Script path → why it is insecure (null: secure).</summary>
    public Dictionary<string, string?> Scripts { get; } = new(StringComparer.Ordinal);

    /// <summary>Users that exist; keepalived's default script user is there unless a test removes it.</summary>
    public HashSet<string> Users { get; } = new(StringComparer.Ordinal) { "root", "keepalived_script" };

    public override bool InterfaceExists(string name) => Interfaces.Contains(name);

    public override bool UserExists(string name) => Users.Contains(name);

    public override string? Resolve(string program) => Scripts.ContainsKey(program) ? program : null;

    public override string? WhyInsecure(string path) => Scripts.TryGetValue(path, out var why) ? why : null;
}
