using Appliance.Config.Binding;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;

namespace Appliance.Config.Keepalived;

/// <summary>keepalived.conf: preprocess and tokenise, build the block tree, bind to the model.</summary>
internal static class KeepalivedConfigReader
{
    public static ApplianceConfig? Read(string text, string fileName, string configId, DiagnosticBag diagnostics, Func<string, Files.FileRead> readFile)
    {
        var pre = new Preprocessor(diagnostics, configId, readFile);
        pre.ProcessText(text, fileName);
        var tree = BlockTreeBuilder.Build(pre.Tokens, diagnostics);
        var model = new KeepalivedBinder(diagnostics).Bind(tree);
        return TrackWeights.Resolve(model);
    }
}
