namespace Appliance.Config.Keepalived;

/// <summary>
/// glob(3) for keepalived's include: '*', '?', '[...]' in any path segment, csh-style '{a,b}'
/// braces, relative to the including file's directory; results sorted like glob's.
/// </summary>
internal static class IncludeGlob
{
    public static List<string> Expand(string pattern, string baseDirectory)
    {
        var results = new List<string>();
        foreach (string p in ExpandBraces(pattern, 0))
        {
            string full = Path.IsPathRooted(p) ? p : Path.Combine(baseDirectory, p);
            if (!HasWildcard(full))
            {
                if (File.Exists(full)) results.Add(full);
                continue;
            }
            string root = Path.GetPathRoot(full) ?? "/";
            var segments = full[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
            Walk(root, segments, 0, results);
        }
        results.Sort(StringComparer.Ordinal);
        return results;
    }

    private static bool HasWildcard(string s) => s.IndexOfAny(['*', '?', '[']) >= 0;

    private static void Walk(string dir, string[] segments, int i, List<string> results)
    {
        if (i == segments.Length)
        {
            if (File.Exists(dir)) results.Add(dir);
            return;
        }
        string seg = segments[i];
        if (!HasWildcard(seg))
        {
            Walk(Path.Combine(dir, seg), segments, i + 1, results);
            return;
        }
        if (!Directory.Exists(dir)) return;
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable directory matches nothing, as with glob(3) without GLOB_ERR.
            return;
        }
        foreach (string entry in entries)
        {
            string name = Path.GetFileName(entry);
            if (name.StartsWith('.') && !seg.StartsWith('.')) continue;
            if (Matches(seg, 0, name, 0)) Walk(entry, segments, i + 1, results);
        }
    }

    private static bool Matches(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            char c = p[pi];
            if (c == '*')
            {
                for (int k = si; k <= s.Length; k++)
                    if (Matches(p, pi + 1, s, k)) return true;
                return false;
            }
            if (si >= s.Length) return false;
            if (c == '?')
            {
                pi++;
                si++;
                continue;
            }
            if (c == '[')
            {
                int close = p.IndexOf(']', pi + 2);
                if (close < 0)
                {
                    if (s[si] != '[') return false;
                    pi++;
                    si++;
                    continue;
                }
                bool negate = p[pi + 1] is '!' or '^';
                bool hit = false;
                for (int k = pi + (negate ? 2 : 1); k < close; k++)
                {
                    if (k + 2 < close && p[k + 1] == '-')
                    {
                        if (s[si] >= p[k] && s[si] <= p[k + 2]) hit = true;
                        k += 2;
                    }
                    else if (p[k] == s[si]) hit = true;
                }
                if (hit == negate) return false;
                pi = close + 1;
                si++;
                continue;
            }
            if (c != s[si]) return false;
            pi++;
            si++;
        }
        return si == s.Length;
    }

    private static IEnumerable<string> ExpandBraces(string pattern, int depth)
    {
        int open = pattern.IndexOf('{');
        if (open < 0 || depth > 8)
        {
            yield return pattern;
            yield break;
        }
        int level = 0, close = -1;
        var commas = new List<int>();
        for (int i = open; i < pattern.Length; i++)
        {
            if (pattern[i] == '{') level++;
            else if (pattern[i] == '}' && --level == 0)
            {
                close = i;
                break;
            }
            else if (pattern[i] == ',' && level == 1) commas.Add(i);
        }
        if (close < 0)
        {
            yield return pattern;
            yield break;
        }
        string head = pattern[..open], tail = pattern[(close + 1)..];
        int start = open + 1;
        commas.Add(close);
        foreach (int c in commas)
        {
            foreach (string e in ExpandBraces(head + pattern[start..c] + tail, depth + 1)) yield return e;
            start = c + 1;
        }
    }
}
