using System.Globalization;
using System.Text;
using Appliance.Config.Diagnostics;
using Appliance.Config.Files;
using Appliance.Config.Schema;
using Appliance.Vrrp;
using Appliance.Config.Model;

namespace Appliance.Config.Keepalived;

/// <summary>
/// keepalived's line preprocessor, in its order: comments, <c>@id</c> / <c>@^id</c> conditional lines,
/// <c>~SEQ</c> / <c>~LST</c> generators, <c>$NAME=</c> definitions (multi-line with a trailing '\'),
/// <c>$NAME</c> / <c>${NAME}</c> substitution, then <c>include</c> (globs relative to the including
/// file) and tokenising. See keepalived.conf(5) "ADVANCED CONFIGURATION".
/// </summary>
internal sealed class Preprocessor
{
    private const int MaxIncludeDepth = 16;
    private const int MaxExpansionDepth = 32;
    // Far above any router (255 VRIDs per interface) yet small enough that a runaway ~SEQ cannot eat the box.
    private const int MaxGeneratedLines = 250_000;

    private readonly DiagnosticBag _diagnostics;
    private readonly string _configId;
    private readonly Func<string, FileRead> _readFile;
    private readonly Dictionary<string, string> _parameters = new(StringComparer.Ordinal);
    private readonly List<Token> _tokens = [];
    private readonly StringBuilder _scratch = new();
    private int _generatedLines;

    public Preprocessor(DiagnosticBag diagnostics, string configId, Func<string, FileRead> readFile)
    {
        _diagnostics = diagnostics;
        _configId = configId;
        _readFile = readFile;
    }

    public IReadOnlyList<Token> Tokens => _tokens;

    /// <summary>Processes one file's text; <paramref name="fileName"/> anchors relative includes and ${_PWD}.</summary>
    public void ProcessText(string text, string fileName, int includeDepth = 0)
    {
        var lines = SplitLines(text);
        var source = new LineSource(lines, fileName, fixedLocation: null);
        ProcessSource(source, includeDepth, expansionDepth: 0);
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n").Split('\n');

    private sealed class LineSource(string[] lines, string file, SourceLocation? fixedLocation)
    {
        public string[] Lines { get; } = lines;
        public string File { get; } = file;
        public int Index { get; set; }
        public bool HasMore => Index < Lines.Length;
        public SourceLocation LocationOf(int index, int column) =>
            fixedLocation ?? new SourceLocation(File, index + 1, column);
    }

    private void ProcessSource(LineSource source, int includeDepth, int expansionDepth)
    {
        while (source.HasMore)
        {
            int index = source.Index++;
            ProcessLine(source, source.Lines[index], index, 0, includeDepth, expansionDepth);
        }
    }

    private void ProcessLine(LineSource source, string raw, int index, int column0, int includeDepth, int expansionDepth, bool stripComments = true)
    {
        if (expansionDepth > MaxExpansionDepth)
        {
            _diagnostics.Error(source.LocationOf(index, column0 + 1), DiagnosticCodes.Preprocessor, "parameter or generator expansion nests too deeply (a parameter refers to itself?)");
            return;
        }
        if (++_generatedLines > MaxGeneratedLines)
        {
            if (_generatedLines == MaxGeneratedLines + 1)
                _diagnostics.Error(source.LocationOf(index, column0 + 1), DiagnosticCodes.Preprocessor, $"the configuration expands to more than {MaxGeneratedLines} lines");
            return;
        }
        string line = stripComments ? StripComment(raw) : raw;
        int lead = 0;
        while (lead < line.Length && char.IsWhiteSpace(line[lead])) lead++;
        if (lead == line.Length) return;
        int col = column0 + lead;
        string t = line[lead..];

        // @id / @^id: the word right after '@' is compared with the config id (-i, default: short hostname).
        if (t[0] == '@')
        {
            int end = 1;
            while (end < t.Length && !char.IsWhiteSpace(t[end])) end++;
            bool negate = t.Length > 1 && t[1] == '^';
            string word = t[(negate ? 2 : 1)..end];
            if (word.Length == 0)
            {
                _diagnostics.Lenient(source.LocationOf(index, col + 1), DiagnosticCodes.Preprocessor, "'@' must be followed by a config id");
                return;
            }
            bool match = string.Equals(word, _configId, StringComparison.Ordinal);
            if (match == negate) return;
            int rest = end;
            while (rest < t.Length && char.IsWhiteSpace(t[rest])) rest++;
            ProcessLine(source, t[rest..], index, col + rest, includeDepth, expansionDepth);
            return;
        }

        if (t.StartsWith("~SEQ", StringComparison.Ordinal) || t.StartsWith("~LST", StringComparison.Ordinal))
        {
            ExpandGenerator(source, t, index, col, includeDepth, expansionDepth);
            return;
        }

        if (t[0] == '$' && TryDefinition(source, t, index, col)) return;

        string expanded = Substitute(t, source, index, col);
        if (expanded.Contains('\n'))
        {
            // A multi-line parameter: each of its lines is configuration in its own right, located at the use.
            var inner = new LineSource(SplitLines(expanded), source.File, source.LocationOf(index, col + 1));
            ProcessSource(inner, includeDepth, expansionDepth + 1);
            return;
        }
        if (!ReferenceEquals(expanded, t) && expanded != t)
        {
            // Substitution may produce a conditional, a definition or a generator: run the pipeline again.
            ProcessLine(source, expanded, index, col, includeDepth, expansionDepth + 1, stripComments: false);
            return;
        }

        if (TryInclude(source, t, index, col, includeDepth)) return;
        Tokenize(source, t, index, col);
    }

    /// <summary>Cuts a '#' or '!' comment that is outside quotes.</summary>
    private static string StripComment(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                if (c == '\\' && i + 1 < line.Length) i++;
                else if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'') quote = c;
            else if (c is '#' or '!') return line[..i];
        }
        return line;
    }

    private bool TryDefinition(LineSource source, string t, int index, int col)
    {
        int i = 1;
        if (i >= t.Length || !(char.IsAsciiLetter(t[i]) || t[i] == '_')) return false;
        while (i < t.Length && (char.IsAsciiLetterOrDigit(t[i]) || t[i] == '_')) i++;
        if (i >= t.Length || t[i] != '=') return false;
        string name = t[1..i];
        string value = t[(i + 1)..].Trim();
        if (value.EndsWith('\\'))
        {
            // Multi-line definition: every following line ending in '\' continues it (keepalived.conf(5)).
            var sb = new StringBuilder();
            string first = value[..^1].Trim();
            if (first.Length > 0) sb.Append(first);
            while (source.HasMore)
            {
                string next = source.Lines[source.Index++];
                string trimmed = next.TrimEnd();
                bool more = trimmed.EndsWith('\\');
                if (more) trimmed = trimmed[..^1];
                if (sb.Length > 0) sb.Append('\n');
                sb.Append(trimmed);
                if (!more) break;
            }
            value = sb.ToString();
        }
        _parameters[name] = value;
        return true;
    }

    /// <summary>Replaces $NAME (followed by whitespace or the end) and ${NAME}; undefined names stay as they are.</summary>
    private string Substitute(string text, LineSource source, int index, int col)
    {
        if (!text.Contains('$')) return text;
        string current = text;
        for (int round = 0; round < MaxExpansionDepth; round++)
        {
            string next = SubstituteOnce(current, source);
            if (next == current) return current;
            current = next;
        }
        _diagnostics.Error(source.LocationOf(index, col + 1), DiagnosticCodes.Preprocessor, "parameter substitution does not terminate (a parameter refers to itself?)");
        return current;
    }

    private string SubstituteOnce(string text, LineSource source)
    {
        var sb = _scratch.Clear();
        int i = 0;
        bool changed = false;
        while (i < text.Length)
        {
            char c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (text[i + 1] == '{')
            {
                int close = text.IndexOf('}', i + 2);
                if (close > 0 && TryValue(text[(i + 2)..close], source, out string? v))
                {
                    sb.Append(v);
                    i = close + 1;
                    changed = true;
                    continue;
                }
            }
            else
            {
                int j = i + 1;
                while (j < text.Length && (char.IsAsciiLetterOrDigit(text[j]) || text[j] == '_')) j++;
                if (j > i + 1 && (j == text.Length || char.IsWhiteSpace(text[j])) && TryValue(text[(i + 1)..j], source, out string? v))
                {
                    sb.Append(v);
                    i = j;
                    changed = true;
                    continue;
                }
            }
            sb.Append(c);
            i++;
        }
        return changed ? sb.ToString() : text;
    }

    private bool TryValue(string name, LineSource source, out string? value)
    {
        if (_parameters.TryGetValue(name, out value)) return true;
        switch (name)
        {
            case "_PWD":
                value = Path.GetDirectoryName(Path.GetFullPath(source.File)) ?? "/";
                return true;
            case "_INSTANCE":
                value = _configId;
                return true;
            case "_HASH":
                value = "#";
                return true;
            case "_BANG":
                value = "!";
                return true;
        }
        if (name.StartsWith("_RANDOM", StringComparison.Ordinal))
        {
            var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int min = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int a) ? a : 0;
            int max = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int b) ? b : 32767;
            value = Random.Shared.Next(Math.Min(min, max), Math.Max(min, max) + 1).ToString(CultureInfo.InvariantCulture);
            return true;
        }
        value = null;
        return false;
    }

    /// <summary>~SEQ(var, start, step, end), ~SEQx(...) (hex) and ~LST(var, v1, v2...) / ~LST({a,b}, {1,2}, ...).</summary>
    private void ExpandGenerator(LineSource source, string t, int index, int col, int includeDepth, int expansionDepth)
    {
        bool isSeq = t.StartsWith("~SEQ", StringComparison.Ordinal);
        bool hex = isSeq && t.Length > 4 && t[4] == 'x';
        int open = t.IndexOf('(');
        int close = open < 0 ? -1 : FindClose(t, open);
        var at = source.LocationOf(index, col + 1);
        if (open < 0 || close < 0 || t[(isSeq ? (hex ? 5 : 4) : 4)..open].Trim().Length != 0)
        {
            _diagnostics.Lenient(at, DiagnosticCodes.Preprocessor, $"malformed {(isSeq ? "~SEQ" : "~LST")}: expected ~{(isSeq ? "SEQ(var, start, step, end)" : "LST(var, value, ...)")}");
            return;
        }
        string spec = t[(open + 1)..close];
        string rest = t[(close + 1)..].TrimStart();
        int restCol = col + (t.Length - rest.Length);
        var saved = new Dictionary<string, string?>();

        void Run(IReadOnlyList<string> names, IReadOnlyList<string> values)
        {
            for (int k = 0; k < names.Count; k++)
            {
                if (!saved.ContainsKey(names[k])) saved[names[k]] = _parameters.TryGetValue(names[k], out var old) ? old : null;
                _parameters[names[k]] = k < values.Count ? values[k] : "";
            }
            ProcessLine(source, rest, index, restCol, includeDepth, expansionDepth + 1);
        }

        if (isSeq)
        {
            var parts = spec.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length is < 2 or > 4 || !IsParamName(parts[0]))
            {
                _diagnostics.Lenient(at, DiagnosticCodes.Preprocessor, "malformed ~SEQ: expected ~SEQ(var, [start,] [step,] end)");
                return;
            }
            var nums = new long[parts.Length - 1];
            for (int k = 1; k < parts.Length; k++)
            {
                if (!TryParseLong(parts[k], out nums[k - 1]))
                {
                    _diagnostics.Lenient(at, DiagnosticCodes.Preprocessor, $"~SEQ: '{parts[k]}' is not a number");
                    return;
                }
            }
            long end = nums[^1];
            long start = nums.Length >= 2 ? nums[0] : (end >= 0 ? 1 : -1);
            long step = nums.Length == 3 ? nums[1] : (end >= start ? 1 : -1);
            if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end))
            {
                _diagnostics.Lenient(at, DiagnosticCodes.Preprocessor, "~SEQ: the step never reaches the end");
                return;
            }
            string[] name = [parts[0]];
            for (long v = start; step > 0 ? v <= end : v >= end; v += step)
            {
                if (_generatedLines > MaxGeneratedLines) break;
                Run(name, [hex ? v.ToString("x", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture)]);
            }
        }
        else
        {
            var items = SplitList(spec);
            if (items.Count < 2)
            {
                _diagnostics.Lenient(at, DiagnosticCodes.Preprocessor, "malformed ~LST: expected ~LST(var, value, ...)");
                return;
            }
            var names = Ungroup(items[0]);
            foreach (string n in names)
            {
                if (!IsParamName(n))
                {
                    _diagnostics.Lenient(at, DiagnosticCodes.Preprocessor, $"~LST: '{n}' is not a parameter name");
                    return;
                }
            }
            for (int k = 1; k < items.Count; k++)
            {
                if (_generatedLines > MaxGeneratedLines) break;
                Run(names, Ungroup(items[k]));
            }
        }
        foreach (var (name, old) in saved)
        {
            if (old is null) _parameters.Remove(name);
            else _parameters[name] = old;
        }
    }

    private static int FindClose(string t, int open)
    {
        int depth = 0;
        for (int i = open; i < t.Length; i++)
        {
            if (t[i] == '(') depth++;
            else if (t[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /// <summary>Splits on commas outside {...} groups.</summary>
    private static List<string> SplitList(string spec)
    {
        var list = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < spec.Length; i++)
        {
            if (spec[i] == '{') depth++;
            else if (spec[i] == '}') depth--;
            else if (spec[i] == ',' && depth == 0)
            {
                list.Add(spec[start..i].Trim());
                start = i + 1;
            }
        }
        list.Add(spec[start..].Trim());
        return list;
    }

    private static List<string> Ungroup(string item)
    {
        string s = item.Trim();
        if (s.StartsWith('{') && s.EndsWith('}')) s = s[1..^1];
        return [.. s.Split(',', StringSplitOptions.TrimEntries)];
    }

    private static bool IsParamName(string s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '_')) return false;
        foreach (char c in s)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    private static bool TryParseLong(string s, out long v)
    {
        bool neg = s.StartsWith('-');
        string body = neg ? s[1..] : s;
        bool ok = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out v)
            : long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        if (ok && neg) v = -v;
        return ok;
    }

    private bool TryInclude(LineSource source, string t, int index, int col, int includeDepth)
    {
        int sp = 0;
        while (sp < t.Length && !char.IsWhiteSpace(t[sp])) sp++;
        string keyword = t[..sp];
        if (keyword is not ("include" or "includer" or "includem" or "includew" or "includeb" or "includea")) return false;
        var at = source.LocationOf(index, col + 1);
        var words = IncludeWords(source, t, sp, index, col);
        if (words.Count == 0)
        {
            _diagnostics.Lenient(at, DiagnosticCodes.MissingValue, $"'{keyword}' needs a file name or pattern");
            return true;
        }
        if (includeDepth >= MaxIncludeDepth)
        {
            _diagnostics.Error(at, DiagnosticCodes.IncludeDepth, $"includes nest more than {MaxIncludeDepth} deep", "a file probably includes itself");
            return true;
        }
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(source.File)) ?? "/";
        foreach (var w in words)
        {
            var files = IncludeGlob.Expand(w.Text, baseDir);
            if (files.Count == 0)
            {
                string literal = Path.IsPathRooted(w.Text) ? w.Text : Path.Combine(baseDir, w.Text);
                if (Directory.Exists(literal))
                {
                    _diagnostics.Error(w.Location, DiagnosticCodes.InputLimit, $"cannot include '{literal}': it is a directory, not a regular file", "include DIR/*.conf to include the files in it");
                    continue;
                }
                // Plain 'include' is silent in keepalived when nothing matches; we still say so.
                _diagnostics.Lenient(w.Location, DiagnosticCodes.IncludeFailed, $"include '{w.Text}' matches no file");
                continue;
            }
            foreach (string f in files)
            {
                var read = _readFile(f);
                if (read.Text is null)
                {
                    if (read.Missing) _diagnostics.Lenient(w.Location, DiagnosticCodes.IncludeFailed, $"cannot read included file '{f}': {read.Error}");
                    else _diagnostics.Error(w.Location, DiagnosticCodes.InputLimit, $"cannot include '{f}': {read.Error}");
                    continue;
                }
                if (!LooksLikeConfiguration(read.Text))
                {
                    // Never echo a file that is not configuration: 'include /etc/shadow' would otherwise
                    // print its lines as unknown keywords to whoever reads check's output or the log.
                    _diagnostics.Error(w.Location, DiagnosticCodes.InputLimit,
                        $"cannot include '{f}': its first line is not keepalived configuration (a keyword, an address, a name or a directive), so it is not read and none of it is shown",
                        "include only configuration files");
                    continue;
                }
                ProcessText(read.Text, f, includeDepth + 1);
            }
        }
        return true;
    }

    /// <summary>
    /// Whether an included file's first significant line could be configuration: a keyword, a
    /// directive, a brace, an address or a plain name (an include may sit inside a block that lists
    /// addresses or instance names). The lines of /etc/shadow, /etc/passwd and /etc/group and the first
    /// line of a PEM or OpenSSH key are none of these, so they are refused before anything of them can
    /// reach a diagnostic.
    /// </summary>
    internal static bool LooksLikeConfiguration(string text)
    {
        foreach (string raw in SplitLines(text))
        {
            string line = StripComment(raw).Trim();
            if (line.Length == 0) continue;
            int end = 0;
            while (end < line.Length && !char.IsWhiteSpace(line[end])) end++;
            string word = line[..end];
            if (word[0] is '@' or '$' or '~' or '{' or '}' or '"') return true;
            if (word.StartsWith("include", StringComparison.Ordinal) || Keywords.IsKnown(word)) return true;
            if (IpPrefix.TryParse(word, out _)) return true;
            if (!char.IsAsciiLetterOrDigit(word[0])) return false;
            foreach (char c in word)
                if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '@' or '+')) return false;
            return true;
        }
        return true;
    }

    /// <summary>The patterns after an include keyword: whitespace-separated, quotes removed, braces kept for glob's {a,b}.</summary>
    private static List<Token> IncludeWords(LineSource source, string t, int from, int index, int col)
    {
        var words = new List<Token>();
        int i = from;
        while (i < t.Length)
        {
            while (i < t.Length && char.IsWhiteSpace(t[i])) i++;
            if (i >= t.Length) break;
            int start = i;
            var sb = new StringBuilder();
            while (i < t.Length && !char.IsWhiteSpace(t[i]))
            {
                char c = t[i];
                if (c is '"' or '\'')
                {
                    int close = t.IndexOf(c, i + 1);
                    if (close < 0) close = t.Length;
                    sb.Append(t, i + 1, close - i - 1);
                    i = Math.Min(t.Length, close + 1);
                    continue;
                }
                sb.Append(c);
                i++;
            }
            words.Add(new Token(TokenKind.Word, sb.ToString(), source.LocationOf(index, col + start + 1)));
        }
        return words;
    }

    /// <summary>Splits a line into words, braces and quoted strings (quotes removed, escapes decoded, adjacent parts joined).</summary>
    private void Tokenize(LineSource source, string text, int index, int col)
    {
        int i = 0;
        bool any = false;
        var sb = new StringBuilder();
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var at = source.LocationOf(index, col + i + 1);
            if (c == '{' || c == '}')
            {
                _tokens.Add(new Token(c == '{' ? TokenKind.OpenBrace : TokenKind.CloseBrace, c.ToString(), at));
                any = true;
                i++;
                continue;
            }
            sb.Clear();
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}'))
            {
                char q = text[i];
                if (q is '"' or '\'')
                {
                    int j = i + 1;
                    bool closed = false;
                    while (j < text.Length)
                    {
                        char d = text[j];
                        if (d == q)
                        {
                            closed = true;
                            break;
                        }
                        if (d == '\\' && j + 1 < text.Length) j = Unescape(text, j, sb);
                        else
                        {
                            sb.Append(d);
                            j++;
                        }
                    }
                    if (!closed)
                        _diagnostics.Lenient(source.LocationOf(index, col + i + 1), DiagnosticCodes.UnterminatedQuote, $"the string starting with {q} is not closed on this line");
                    i = closed ? j + 1 : text.Length;
                }
                else
                {
                    sb.Append(q);
                    i++;
                }
            }
            _tokens.Add(new Token(TokenKind.Word, sb.ToString(), at));
            any = true;
        }
        if (any) _tokens.Add(new Token(TokenKind.EndOfLine, "", source.LocationOf(index, col + text.Length + 1)));
    }

    /// <summary>Decodes the escape at <paramref name="j"/> (a backslash) like keepalived's shell-style rules; returns the next index.</summary>
    private static int Unescape(string text, int j, StringBuilder sb)
    {
        char e = text[j + 1];
        switch (e)
        {
            case 'a': sb.Append('\a'); return j + 2;
            case 'b': sb.Append('\b'); return j + 2;
            case 'E': sb.Append('\u001b'); return j + 2;
            case 'f': sb.Append('\f'); return j + 2;
            case 'n': sb.Append('\n'); return j + 2;
            case 'r': sb.Append('\r'); return j + 2;
            case 't': sb.Append('\t'); return j + 2;
            case 'v': sb.Append('\v'); return j + 2;
            case 'c' when j + 2 < text.Length:
                sb.Append((char)(char.ToUpperInvariant(text[j + 2]) ^ 0x40));
                return j + 3;
            case 'x':
            {
                int k = j + 2, v = 0, n = 0;
                while (k < text.Length && n < 2 && char.IsAsciiHexDigit(text[k]))
                {
                    v = v * 16 + Convert.ToInt32(text[k].ToString(), 16);
                    k++;
                    n++;
                }
                if (n == 0)
                {
                    sb.Append('x');
                    return j + 2;
                }
                sb.Append((char)v);
                return k;
            }
            case >= '0' and <= '7':
            {
                int k = j + 1, v = 0, n = 0;
                while (k < text.Length && n < 3 && text[k] is >= '0' and <= '7')
                {
                    v = v * 8 + (text[k] - '0');
                    k++;
                    n++;
                }
                sb.Append((char)(v & 0xFF));
                return k;
            }
            default:
                sb.Append(e);
                return j + 2;
        }
    }
}
