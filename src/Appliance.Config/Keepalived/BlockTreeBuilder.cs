using Appliance.Config.Diagnostics;

namespace Appliance.Config.Keepalived;

/// <summary>
/// Builds the block tree from the token stream. keepalived's statements end at the end of a line,
/// a '{' or a '}'; a '{' alone on a line opens the block of the statement above it.
/// </summary>
internal static class BlockTreeBuilder
{
    /// <summary>keepalived's deepest real nesting is 4 (virtual_server / real_server / checker / url);
    /// the cap keeps a hostile file from exhausting the stack.</summary>
    private const int MaxDepth = 32;

    public static List<ConfNode> Build(IReadOnlyList<Token> tokens, DiagnosticBag diagnostics)
    {
        int pos = 0;
        var top = ParseBlock(tokens, ref pos, diagnostics, opener: null, depth: 0);
        return top;
    }

    private static List<ConfNode> ParseBlock(IReadOnlyList<Token> tokens, ref int pos, DiagnosticBag diagnostics, ConfNode? opener, int depth)
    {
        var list = new List<ConfNode>();
        ConfNode? current = null;
        while (pos < tokens.Count)
        {
            Token t = tokens[pos++];
            switch (t.Kind)
            {
                case TokenKind.EndOfLine:
                    current = null;
                    break;
                case TokenKind.OpenBrace:
                {
                    ConfNode? target = current;
                    if (target is null && list.Count > 0 && list[^1].Block is null) target = list[^1];
                    if (target is null)
                    {
                        diagnostics.Error(t.Location, DiagnosticCodes.UnbalancedBrace, "'{' without a keyword before it");
                        target = new ConfNode(t);
                    }
                    else if (target.Block is not null)
                    {
                        diagnostics.Error(t.Location, DiagnosticCodes.UnbalancedBrace, $"'{target.Name}' already has a block");
                    }
                    target.BlockLocation = t.Location;
                    if (depth >= MaxDepth)
                    {
                        diagnostics.Error(t.Location, DiagnosticCodes.UnbalancedBrace, $"blocks nest more than {MaxDepth} deep");
                        SkipBlock(tokens, ref pos);
                        target.Block = [];
                        current = null;
                        break;
                    }
                    target.Block = ParseBlock(tokens, ref pos, diagnostics, target, depth + 1);
                    current = null;
                    break;
                }
                case TokenKind.CloseBrace:
                    if (opener is not null)
                    {
                        opener.BlockEndLocation = t.Location;
                        return list;
                    }
                    diagnostics.Error(t.Location, DiagnosticCodes.UnbalancedBrace, "'}' without a matching '{'");
                    current = null;
                    break;
                default:
                    if (current is null)
                    {
                        current = new ConfNode(t);
                        list.Add(current);
                    }
                    else
                    {
                        current.Args.Add(t);
                    }
                    break;
            }
        }
        if (opener is not null)
            diagnostics.Error(opener.BlockLocation, DiagnosticCodes.UnbalancedBrace, $"the block of '{opener.Name}' is not closed", "add the missing '}'");
        return list;
    }

    /// <summary>Skips to the '}' matching a '{' just consumed, without recursion.</summary>
    private static void SkipBlock(IReadOnlyList<Token> tokens, ref int pos)
    {
        int level = 1;
        while (pos < tokens.Count && level > 0)
        {
            var k = tokens[pos++].Kind;
            if (k == TokenKind.OpenBrace) level++;
            else if (k == TokenKind.CloseBrace) level--;
        }
    }
}
