using Appliance.Config.Model;

namespace Appliance.Config.Keepalived;

/// <summary>
/// One statement of the block tree: a keyword, its arguments on the same line, and the block that
/// follows it in braces when there is one (<c>virtual_ipaddress { ... }</c>).
/// </summary>
internal sealed class ConfNode
{
    public ConfNode(Token keyword) => Keyword = keyword;

    public Token Keyword { get; }

    public string Name => Keyword.Text;

    public SourceLocation Location => Keyword.Location;

    public List<Token> Args { get; } = [];

    /// <summary>The braced block, or null when the statement has none.</summary>
    public List<ConfNode>? Block { get; set; }

    /// <summary>Where the block's '{' was, for "missing '}'" messages.</summary>
    public SourceLocation BlockLocation { get; set; }

    /// <summary>Where the '}' that closes <see cref="Block"/> is (default when there is none).</summary>
    public SourceLocation BlockEndLocation { get; set; }

    /// <summary>The arguments joined by one space (a script command line given without quotes).</summary>
    public string JoinedArgs(int from = 0)
    {
        if (Args.Count - from == 1) return Args[from].Text;
        var parts = new string[Math.Max(0, Args.Count - from)];
        for (int i = from; i < Args.Count; i++) parts[i - from] = Args[i].Text;
        return string.Join(' ', parts);
    }
}
