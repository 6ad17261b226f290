namespace Appliance.Config.Text;

/// <summary>Suggests the closest known word for a misspelt one (Levenshtein distance).</summary>
internal static class DidYouMean
{
    /// <summary>The best candidate within a distance that scales with the word, or null.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        int limit = Math.Max(1, Math.Min(3, word.Length / 3));
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            int d = Distance(word, c);
            if (d < bestDistance && d <= limit)
            {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>The hint text for <see cref="Suggest"/>, or null.</summary>
    public static string? Hint(string word, IEnumerable<string> candidates) =>
        Suggest(word, candidates) is { } s ? $"did you mean '{s}'?" : null;

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3) return int.MaxValue;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
