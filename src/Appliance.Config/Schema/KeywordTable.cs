using System.Text;

namespace Appliance.Config.Schema;

/// <summary>
/// The keyword reference of docs/configuration.md, rendered from <see cref="Keywords"/>: one table per
/// block, then the keepalived keywords that have no effect here. A test keeps the committed text equal
/// to this rendering.
/// </summary>
public static class KeywordTable
{
    /// <summary>The marker line before the generated text in the docs.</summary>
    public const string Begin = "<!-- BEGIN GENERATED keyword table: do not edit; see the note below it -->";

    /// <summary>The marker line after it.</summary>
    public const string End = "<!-- END GENERATED keyword table -->";

    /// <summary>The markdown between the markers (without them).</summary>
    public static string Render()
    {
        var sb = new StringBuilder();
        foreach (string block in Blocks.All)
        {
            var rows = Keywords.All.Where(k => k.Block == block && k.Status is KeywordStatus.Acted or KeywordStatus.NotActed).ToList();
            var quiet = Keywords.All.Where(k => k.Block == block && k.Status is KeywordStatus.Ignored or KeywordStatus.Deprecated).ToList();
            if (rows.Count == 0 && quiet.Count == 0) continue;
            sb.Append("\n#### ").Append(block == Blocks.Top ? "Top level" : "`" + block + "`").Append("\n\n");
            if (rows.Count > 0)
            {
                sb.Append("| keepalived | TOML | value | range | default | acted on | what it does |\n");
                sb.Append("|---|---|---|---|---|---|---|\n");
                foreach (var k in rows)
                {
                    string names = k.Name is null ? "—" : string.Join(", ", k.Names().Select(n => "`" + n + "`"));
                    string toml = k.Toml is null ? "—" : "`" + k.Toml + "`";
                    string acted = k.Status == KeywordStatus.Acted ? "yes" : "**no**: " + k.Reason;
                    sb.Append("| ").Append(names).Append(" | ").Append(toml).Append(" | ").Append(Kind(k.Kind)).Append(" | ")
                        .Append(Cell(k.RangeText)).Append(" | ").Append(Cell(k.DefaultDisplay)).Append(" | ").Append(Cell(acted))
                        .Append(" | ").Append(Cell(k.Summary)).Append(" |\n");
                }
            }
            foreach (var group in quiet.GroupBy(k => (k.Status, k.Reason)))
            {
                sb.Append(rows.Count > 0 ? "\n" : "")
                    .Append(group.Key.Status == KeywordStatus.Deprecated ? "Deprecated, a warning as in keepalived, not acted on (" : "Recognised, a note, no effect (")
                    .Append(group.Key.Reason).Append("): ")
                    .Append(string.Join(", ", group.Select(k => "`" + k.Name + "`"))).Append(".\n");
            }
        }
        return sb.ToString();
    }

    private static string Kind(ValueKind kind) => kind switch
    {
        ValueKind.Flag => "flag",
        ValueKind.Bool => "bool",
        ValueKind.Integer => "integer",
        ValueKind.Seconds => "seconds",
        ValueKind.Text => "text",
        ValueKind.Choice => "choice",
        ValueKind.Address => "address",
        ValueKind.Command => "command",
        ValueKind.List => "list",
        _ => "block",
    };

    private static string Cell(string text) => text.Length == 0 ? "" : text.Replace("|", "\\|", StringComparison.Ordinal);
}
