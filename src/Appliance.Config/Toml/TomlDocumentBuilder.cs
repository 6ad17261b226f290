using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Appliance.Config.Toml;

/// <summary>
/// Turns Tomlyn's lossless syntax tree (trim/AOT safe: no reflection) into located tables, arrays and
/// scalars, applying TOML's rules for headers, dotted keys and [[arrays of tables]].
/// </summary>
internal static class TomlDocumentBuilder
{
    /// <summary>Arrays and inline tables nested deeper than this are refused before parsing: both
    /// Tomlyn's parser and this builder recurse, and a hostile file must not exhaust the stack.</summary>
    private const int MaxNesting = 64;

    public static TomlTableNode? Build(string text, string fileName, DiagnosticBag diagnostics)
    {
        if (TooDeep(text) is { } deep)
        {
            diagnostics.Error(new SourceLocation(fileName, deep.Line, deep.Column), DiagnosticCodes.TomlSyntax, $"arrays and inline tables nest more than {MaxNesting} deep");
            return null;
        }
        DocumentSyntax doc;
        try
        {
            doc = SyntaxParser.Parse(text, fileName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The parser is meant to report, not throw; this keeps a parser bug from crashing a reload.
            diagnostics.Error(new SourceLocation(fileName, 1, 1), DiagnosticCodes.TomlSyntax, $"the TOML parser failed: {e.Message}");
            return null;
        }
        if (doc.HasErrors)
        {
            foreach (var m in doc.Diagnostics)
            {
                if (m.Kind == DiagnosticMessageKind.Error)
                    diagnostics.Error(At(fileName, m.Span), DiagnosticCodes.TomlSyntax, m.Message);
            }
            return null;
        }
        var root = new TomlTableNode(new SourceLocation(fileName, 1, 1)) { HeaderDefined = true };
        bool ok = true;
        foreach (var kv in doc.KeyValues) ok &= AddKeyValue(root, kv, fileName, diagnostics);
        foreach (var table in doc.Tables)
        {
            var target = OpenHeader(root, table, fileName, diagnostics);
            if (target is null)
            {
                ok = false;
                continue;
            }
            foreach (var kv in table.Items) ok &= AddKeyValue(target, kv, fileName, diagnostics);
        }
        return ok ? root : null;
    }

    /// <summary>Where bracket nesting first exceeds <see cref="MaxNesting"/>, skipping strings and comments.</summary>
    private static (int Line, int Column)? TooDeep(string text)
    {
        int depth = 0, line = 1, lineStart = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\n':
                    line++;
                    lineStart = i + 1;
                    break;
                case '#':
                    while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                    break;
                case '"' or '\'':
                {
                    bool triple = i + 2 < text.Length && text[i + 1] == c && text[i + 2] == c;
                    int j = i + (triple ? 3 : 1);
                    while (j < text.Length)
                    {
                        if (c == '"' && text[j] == '\\') j++;
                        else if (text[j] == c && (!triple || (j + 2 < text.Length && text[j + 1] == c && text[j + 2] == c))) break;
                        else if (text[j] == '\n')
                        {
                            if (!triple) break;
                            line++;
                            lineStart = j + 1;
                        }
                        j++;
                    }
                    i = triple ? Math.Min(text.Length, j + 2) : j;
                    break;
                }
                case '[' or '{':
                    if (++depth > MaxNesting) return (line, i - lineStart + 1);
                    break;
                case ']' or '}':
                    if (depth > 0) depth--;
                    break;
            }
        }
        return null;
    }

    internal static SourceLocation At(string file, SourceSpan span) =>
        new(file, Math.Max(1, span.Start.Line + 1), Math.Max(1, span.Start.Column + 1));

    private static List<(string Name, SourceLocation At)> KeyParts(KeySyntax key, string file)
    {
        var parts = new List<(string, SourceLocation)> { (KeyText(key.Key), At(file, key.Span)) };
        if (key.DotKeys is { } dots)
            foreach (var d in dots) parts.Add((KeyText(d.Key), At(file, d.Span)));
        return parts;
    }

    private static string KeyText(BareKeyOrStringValueSyntax? k) => k switch
    {
        BareKeySyntax b => b.Key?.Text ?? "",
        StringValueSyntax s => s.Value ?? "",
        _ => "",
    };

    private static TomlTableNode? OpenHeader(TomlTableNode root, TableSyntaxBase table, string file, DiagnosticBag d)
    {
        if (table.Name is null) return null;
        var parts = KeyParts(table.Name, file);
        var at = At(file, table.Span);
        var current = root;
        for (int i = 0; i < parts.Count - 1; i++)
        {
            current = Descend(current, parts[i].Name, parts[i].At, file, d);
            if (current is null) return null;
        }
        var (last, lastAt) = parts[^1];
        if (table is TableArraySyntax)
        {
            if (!current.Entries.TryGetValue(last, out var existing))
            {
                var arr = new TomlArrayNode(at) { IsTableArray = true };
                current.Entries[last] = (arr, lastAt);
                existing = (arr, lastAt);
            }
            if (existing.Value is not TomlArrayNode { IsTableArray: true } list)
            {
                d.Error(lastAt, DiagnosticCodes.TomlSyntax, $"'{last}' is already defined as {existing.Value.TypeName}, not an array of tables");
                return null;
            }
            var t = new TomlTableNode(at) { HeaderDefined = true };
            list.Items.Add(t);
            return t;
        }
        if (current.Entries.TryGetValue(last, out var prior))
        {
            if (prior.Value is TomlTableNode pt && pt.Implicit && !pt.HeaderDefined)
            {
                pt.HeaderDefined = true;
                return pt;
            }
            d.Error(lastAt, DiagnosticCodes.TomlSyntax, $"table '{last}' is defined twice", $"first at {prior.KeyLocation}");
            return null;
        }
        var created = new TomlTableNode(at) { HeaderDefined = true };
        current.Entries[last] = (created, lastAt);
        return created;
    }

    /// <summary>Steps into a sub-table, creating it implicitly; into the last element of an array of tables.</summary>
    private static TomlTableNode? Descend(TomlTableNode table, string name, SourceLocation at, string file, DiagnosticBag d)
    {
        if (!table.Entries.TryGetValue(name, out var e))
        {
            var t = new TomlTableNode(at) { Implicit = true };
            table.Entries[name] = (t, at);
            return t;
        }
        switch (e.Value)
        {
            case TomlTableNode t: return t;
            case TomlArrayNode { IsTableArray: true } a when a.Items.Count > 0 && a.Items[^1] is TomlTableNode last: return last;
        }
        d.Error(at, DiagnosticCodes.TomlSyntax, $"'{name}' is {e.Value.TypeName}, not a table");
        return null;
    }

    private static bool AddKeyValue(TomlTableNode table, KeyValueSyntax kv, string file, DiagnosticBag d)
    {
        if (kv.Key is null || kv.Value is null) return false;
        var parts = KeyParts(kv.Key, file);
        var current = table;
        for (int i = 0; i < parts.Count - 1; i++)
        {
            current = Descend(current, parts[i].Name, parts[i].At, file, d);
            if (current is null) return false;
        }
        var (last, lastAt) = parts[^1];
        if (current.Entries.TryGetValue(last, out var prior))
        {
            d.Error(lastAt, DiagnosticCodes.TomlSyntax, $"key '{last}' is defined twice", $"first at {prior.KeyLocation}");
            return false;
        }
        var value = Convert(kv.Value, file, d);
        if (value is null) return false;
        current.Entries[last] = (value, lastAt);
        return true;
    }

    private static TomlNode? Convert(ValueSyntax v, string file, DiagnosticBag d)
    {
        var at = At(file, v.Span);
        switch (v)
        {
            case StringValueSyntax s: return new TomlScalar(at, s.Value ?? "");
            case IntegerValueSyntax i: return new TomlScalar(at, i.Value);
            case FloatValueSyntax f: return new TomlScalar(at, f.Value);
            case BooleanValueSyntax b: return new TomlScalar(at, b.Value);
            case DateTimeValueSyntax dt: return new TomlScalar(at, dt.Value);
            case ArraySyntax a:
            {
                var arr = new TomlArrayNode(at);
                if (a.Items is not null)
                {
                    foreach (var item in a.Items)
                    {
                        if (item.Value is null) continue;
                        var c = Convert(item.Value, file, d);
                        if (c is null) return null;
                        arr.Items.Add(c);
                    }
                }
                return arr;
            }
            case InlineTableSyntax it:
            {
                var t = new TomlTableNode(at) { HeaderDefined = true };
                if (it.Items is not null)
                {
                    foreach (var item in it.Items)
                        if (item.KeyValue is not null && !AddKeyValue(t, item.KeyValue, file, d)) return null;
                }
                return t;
            }
        }
        d.Error(at, DiagnosticCodes.TomlSyntax, "unsupported TOML value");
        return null;
    }
}
