using Appliance.Config.Model;
using Appliance.Config.Toml;

namespace Appliance.Daemon;

/// <summary>
/// Decides whether a reload changed an instance. The model's records hold ImmutableArrays,
/// whose equality is by reference, so two loads of one file never compare equal; the canonical
/// TOML rendering does (and ignores where in the file the instance was written).
/// </summary>
internal static class ConfigFingerprint
{
    public static string Of(VrrpInstanceConfig c) =>
        TomlConfigWriter.Write(new ApplianceConfig { Instances = [c with { Location = default }] });

    public static string Of(GlobalSettings g) => TomlConfigWriter.Write(new ApplianceConfig { Global = g });
}
