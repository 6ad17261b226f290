using System.Collections.Immutable;
using Appliance.Config.Model;

namespace Appliance.Config.Diagnostics;

/// <summary>Collects diagnostics while reading; <see cref="Strict"/> turns keepalived's leniency into errors.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Creates a bag.</summary>
    public DiagnosticBag(bool strict = false) => Strict = strict;

    /// <summary>--strict: a recovered mistake (default used, unknown keyword) is an error.</summary>
    public bool Strict { get; }

    /// <summary>True once an error was added.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Number of diagnostics so far.</summary>
    public int Count => _items.Count;

    /// <summary>Adds an error.</summary>
    public void Error(SourceLocation at, string code, string message, string? hint = null) =>
        Add(new Diagnostic(DiagnosticSeverity.Error, at, code, message, hint));

    /// <summary>Adds a mistake keepalived recovers from: a warning, or an error under --strict.</summary>
    public void Lenient(SourceLocation at, string code, string message, string? hint = null) =>
        Add(new Diagnostic(Strict ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, at, code, message, hint));

    /// <summary>Adds a warning that stays a warning under --strict (an unsupported feature).</summary>
    public void Warning(SourceLocation at, string code, string message, string? hint = null) =>
        Add(new Diagnostic(DiagnosticSeverity.Warning, at, code, message, hint));

    /// <summary>Adds a note.</summary>
    public void Info(SourceLocation at, string code, string message, string? hint = null) =>
        Add(new Diagnostic(DiagnosticSeverity.Info, at, code, message, hint));

    /// <summary>Adds one diagnostic.</summary>
    public void Add(Diagnostic d)
    {
        _items.Add(d);
        if (d.Severity == DiagnosticSeverity.Error) HasErrors = true;
    }

    /// <summary>The diagnostics in the order they were found.</summary>
    public ImmutableArray<Diagnostic> ToImmutable() => [.. _items];
}
