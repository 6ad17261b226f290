using Appliance.Config.Diagnostics;
using Appliance.Config.Files;
using Appliance.Config.Keepalived;
using Appliance.Config.Model;
using Appliance.Config.Toml;
using Appliance.Config.Validation;

namespace Appliance.Config;

/// <summary>
/// Reads a configuration file in either format: parse, bind, validate. The model is returned only
/// when there is no error; every diagnostic of every stage is returned at once.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The format a file name implies: <c>.toml</c> is TOML, anything else keepalived syntax.</summary>
    public static ConfigFormat FormatOf(string path) =>
        path.EndsWith(".toml", StringComparison.OrdinalIgnoreCase) ? ConfigFormat.Toml : ConfigFormat.Keepalived;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static ConfigLoadResult Load(string path, ConfigLoadOptions options)
    {
        var files = new ConfigFiles();
        var read = files.Read(path);
        if (read.Text is null)
        {
            var d = read.Missing
                ? new Diagnostic(DiagnosticSeverity.Error, new SourceLocation(path, 0, 0), DiagnosticCodes.FileNotFound,
                    $"cannot read the configuration file: {read.Error}", "check the path given with -f")
                : new Diagnostic(DiagnosticSeverity.Error, new SourceLocation(path, 0, 0), DiagnosticCodes.InputLimit,
                    $"cannot read the configuration file: {read.Error}", "name a regular configuration file");
            return new ConfigLoadResult { Diagnostics = [d] };
        }
        var format = FormatOf(path);
        if (format == ConfigFormat.Keepalived && !Preprocessor.LooksLikeConfiguration(read.Text))
        {
            // Same rule as for includes: 'sudo appliance check /etc/shadow' must not print its lines.
            return new ConfigLoadResult
            {
                Diagnostics = [new Diagnostic(DiagnosticSeverity.Error, new SourceLocation(path, 0, 0), DiagnosticCodes.InputLimit,
                    "cannot read the configuration file: its first line is not keepalived configuration (a keyword, an address, a name or a directive), so none of it is shown",
                    "name a keepalived.conf or a .toml file")],
            };
        }
        return LoadText(read.Text, path, format, options, files);
    }

    /// <summary>Reads configuration text; <paramref name="fileName"/> names it in diagnostics, picks the
    /// format by its extension and anchors relative includes.</summary>
    public static ConfigLoadResult LoadText(string text, string fileName, ConfigLoadOptions options) =>
        LoadText(text, fileName, FormatOf(fileName), options);

    /// <summary>Reads configuration text in an explicit format.</summary>
    public static ConfigLoadResult LoadText(string text, string fileName, ConfigFormat format, ConfigLoadOptions options) =>
        LoadText(text, fileName, format, options, new ConfigFiles());

    private static ConfigLoadResult LoadText(string text, string fileName, ConfigFormat format, ConfigLoadOptions options, ConfigFiles files)
    {
        var bag = new DiagnosticBag(options.Strict);
        ApplianceConfig? model = format == ConfigFormat.Toml
            ? TomlConfigReader.Read(text, fileName, bag)
            : KeepalivedConfigReader.Read(text, fileName, options.EffectiveConfigId, bag, files.Read);
        if (model is not null) ConfigValidator.Validate(model, bag);
        var all = bag.ToImmutable();
        return new ConfigLoadResult { Config = bag.HasErrors ? null : model, Diagnostics = all };
    }
}
