using Appliance.Board;
using Appliance.Config.Model;
using Appliance.Config.Toml;
using Appliance.Heartbeat;

namespace Appliance.Daemon;

/// <summary>
/// Decides whether a reload changed a part of the configuration. The model's records hold
/// ImmutableArrays, whose equality is by reference, so two loads of one file never compare equal;
/// the canonical TOML rendering does (and ignores where in the file the instance was written).
/// Every comparison the reload makes goes through <see cref="Same(VrrpInstanceConfig, VrrpInstanceConfig)"/>
/// and its overloads, so switching to the model's own value equality is a change here only.
/// </summary>
internal static class ConfigFingerprint
{
    /// <summary>True when an instance needs no restart: same settings wherever it was written.</summary>
    public static bool Same(VrrpInstanceConfig a, VrrpInstanceConfig b) => Of(a) == Of(b);

    public static bool Same(GlobalSettings a, GlobalSettings b) => Of(a) == Of(b);

    public static bool Same(HeartbeatSettings a, HeartbeatSettings b) =>
        TomlConfigWriter.Write(new ApplianceConfig { Heartbeat = a }) == TomlConfigWriter.Write(new ApplianceConfig { Heartbeat = b });

    public static bool Same(BoardSettings a, BoardSettings b) =>
        TomlConfigWriter.Write(new ApplianceConfig { Board = a }) == TomlConfigWriter.Write(new ApplianceConfig { Board = b });

    public static string Of(VrrpInstanceConfig c) =>
        TomlConfigWriter.Write(new ApplianceConfig { Instances = [c with { Location = default }] });

    public static string Of(GlobalSettings g) => TomlConfigWriter.Write(new ApplianceConfig { Global = g });
}
