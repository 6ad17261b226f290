using Appliance.Config.Diagnostics;

namespace Appliance.Config.Tests.Support;

/// <summary>Short helpers for reading inline configuration text.</summary>
public static class Load
{
    public static ConfigLoadResult Conf(string text, string? configId = "test", bool strict = false, string fileName = "test.conf") =>
        ConfigLoader.LoadText(text, fileName, new ConfigLoadOptions { ConfigId = configId, Strict = strict });

    public static ConfigLoadResult Toml(string text, bool strict = false) =>
        ConfigLoader.LoadText(text, "test.toml", new ConfigLoadOptions { ConfigId = "test", Strict = strict });

    public static Model.ApplianceConfig Ok(ConfigLoadResult r)
    {
        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        return r.Config!;
    }

    public static string Dump(ConfigLoadResult r) => string.Join("\n", r.Diagnostics);

    /// <summary>A minimal instance to wrap a line under test.</summary>
    public static string Instance(string body, string name = "VI_1", string iface = "eth0", int vrid = 51) => $$"""
        vrrp_instance {{name}} {
            interface {{iface}}
            virtual_router_id {{vrid}}
        {{body}}
        }
        """;

    public static Diagnostic Single(ConfigLoadResult r, string code) =>
        Assert.Single(r.Diagnostics, d => d.Code == code);
}
