namespace Appliance.Config.Model;

/// <summary>A place in a configuration file, 1-based, for diagnostics that name the file, line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary><c>file:line:col</c>, the form editors and compilers use.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
