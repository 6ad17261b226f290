using System.Text;

namespace Appliance.Notify;

/// <summary>
/// Splits a keepalived script line into argv the way keepalived does: words separated by blanks,
/// single or double quotes group a word, a backslash escapes the next character. No shell is run.
/// </summary>
internal static class CommandSplitter
{
    /// <summary>The words of <paramref name="line"/>; empty when there are none or a quote is left open.</summary>
    public static List<string> Split(string line)
    {
        var words = new List<string>();
        var w = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '\\' && i + 1 < line.Length && quote != '\'')
            {
                w.Append(line[++i]);
                inWord = true;
            }
            else if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else w.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (c is ' ' or '\t')
            {
                if (inWord) words.Add(w.ToString());
                w.Clear();
                inWord = false;
            }
            else
            {
                w.Append(c);
                inWord = true;
            }
        }
        if (quote != '\0') return [];
        if (inWord) words.Add(w.ToString());
        return words;
    }
}
