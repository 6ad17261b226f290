using System.Text.Json;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Operations;

/// <summary>Runs the control verbs the way an operator does: the appliance binary inside a
/// namespace (`ip netns exec NS appliance status`), optionally as another user.</summary>
internal static class ControlLab
{
    /// <summary>Runs <c>appliance ARGS</c> in <paramref name="ns"/>.</summary>
    public static (int Code, string Stdout, string Stderr) Cli(this NetNs ns, params string[] args)
    {
        var cmd = DaemonBinary.Command;
        return ns.Exec(cmd[0], [.. cmd[1..], .. args]);
    }

    /// <summary>Runs <c>appliance ARGS</c> in <paramref name="ns"/> as uid/gid 65534 (nobody) with no other groups.</summary>
    public static (int Code, string Stdout, string Stderr) CliAsNobody(this NetNs ns, params string[] args)
    {
        var cmd = DaemonBinary.Command;
        return ns.Exec("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", .. cmd, .. args]);
    }

    /// <summary><c>appliance status --json</c> in <paramref name="ns"/>, parsed; fails the test when the verb fails.</summary>
    public static JsonDocument StatusJson(this NetNs ns, params string[] args)
    {
        var (code, stdout, stderr) = ns.Cli(["status", "--json", .. args]);
        Assert.True(code == 0, $"status --json exited {code}: {stderr}");
        return JsonDocument.Parse(stdout);
    }

    /// <summary>The first instance named <paramref name="name"/> in a status document.</summary>
    public static JsonElement Instance(this JsonDocument d, string name = "VI_1")
    {
        foreach (var i in d.RootElement.GetProperty("instances").EnumerateArray())
            if (i.GetProperty("name").GetString() == name) return i;
        throw new Xunit.Sdk.XunitException($"no instance {name} in:\n{d.RootElement}");
    }

    /// <summary>An RFC 6527 counter of an instance.</summary>
    public static long Rfc(this JsonElement instance, string name) => instance.GetProperty("rfc6527").GetProperty(name).GetInt64();

    /// <summary>A router-wide RFC 6527 counter.</summary>
    public static long Router(this JsonDocument d, string name) => d.RootElement.GetProperty("router").GetProperty(name).GetInt64();
}
