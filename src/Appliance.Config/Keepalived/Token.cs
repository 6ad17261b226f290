using Appliance.Config.Model;

namespace Appliance.Config.Keepalived;

/// <summary>What a keepalived.conf token is.</summary>
internal enum TokenKind : byte
{
    Word,
    OpenBrace,
    CloseBrace,
    EndOfLine,
}

/// <summary>One token of a keepalived.conf after preprocessing, with where it came from.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, SourceLocation Location)
{
    public bool IsWord => Kind == TokenKind.Word;
}
