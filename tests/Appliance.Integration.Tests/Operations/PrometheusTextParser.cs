using System.Globalization;
using System.Text;

namespace Appliance.Integration.Tests.Operations;

/// <summary>One sample of a scrape: metric name, labels, value.</summary>
internal sealed record PromSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool Has(params (string Key, string Value)[] labels) => labels.All(l => Labels.TryGetValue(l.Key, out var v) && v == l.Value);
}

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4, written for the tests: it throws
/// <see cref="FormatException"/> with the line number on anything a scraper could misread
/// (metric and label name grammar, escapes other than \\ \" \n, a value that is not a float,
/// a TYPE after its samples or twice, a sample without a TYPE, a duplicate series, a counter
/// whose name does not end in _total, a missing final newline).
/// </summary>
internal static class PrometheusTextParser
{
    public static (List<PromSample> Samples, Dictionary<string, string> Types, Dictionary<string, string> Help) Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("the body does not end with a newline");
        var samples = new List<PromSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenSamples = new HashSet<string>(StringComparer.Ordinal);
        var series = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (int n = 0; n < lines.Length - 1; n++)
        {
            string line = lines[n];
            string where = $"line {n + 1}: '{line}'";
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] is "HELP" or "TYPE")
                {
                    string name = parts[2];
                    if (!IsMetricName(name)) throw new FormatException($"{where}: bad metric name");
                    if (parts[1] == "TYPE")
                    {
                        if (parts.Length != 4 || parts[3] is not ("counter" or "gauge" or "histogram" or "summary" or "untyped")) throw new FormatException($"{where}: bad type");
                        if (types.ContainsKey(name)) throw new FormatException($"{where}: second TYPE for {name}");
                        if (seenSamples.Contains(name)) throw new FormatException($"{where}: TYPE after samples of {name}");
                        if (parts[3] == "counter" && !name.EndsWith("_total", StringComparison.Ordinal)) throw new FormatException($"{where}: counter without _total");
                        types[name] = parts[3];
                    }
                    else
                    {
                        if (help.ContainsKey(name)) throw new FormatException($"{where}: second HELP for {name}");
                        help[name] = parts.Length == 4 ? Unescape(parts[3], help: true, where) : "";
                    }
                }
                continue;
            }
            var sample = ParseSample(line, where);
            if (!types.ContainsKey(sample.Name)) throw new FormatException($"{where}: sample before a TYPE line for {sample.Name}");
            seenSamples.Add(sample.Name);
            string key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!series.Add(key)) throw new FormatException($"{where}: duplicate series {key}");
            samples.Add(sample);
        }
        return (samples, types, help);
    }

    private static PromSample ParseSample(string line, string where)
    {
        int i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ') i++;
        string name = line[..i];
        if (!IsMetricName(name)) throw new FormatException($"{where}: bad metric name '{name}'");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i < line.Length && line[i] == '}')
                {
                    i++;
                    break;
                }
                int eq = line.IndexOf('=', i);
                if (eq < 0) throw new FormatException($"{where}: label without '='");
                string label = line[i..eq];
                if (!IsLabelName(label)) throw new FormatException($"{where}: bad label name '{label}'");
                if (eq + 1 >= line.Length || line[eq + 1] != '"') throw new FormatException($"{where}: label value not quoted");
                var sb = new StringBuilder();
                int j = eq + 2;
                for (; j < line.Length && line[j] != '"'; j++)
                {
                    if (line[j] != '\\')
                    {
                        sb.Append(line[j]);
                        continue;
                    }
                    if (++j >= line.Length) throw new FormatException($"{where}: dangling backslash");
                    sb.Append(line[j] switch { '\\' => '\\', '"' => '"', 'n' => '\n', _ => throw new FormatException($"{where}: bad escape \\{line[j]}") });
                }
                if (j >= line.Length) throw new FormatException($"{where}: unterminated label value");
                if (!labels.TryAdd(label, sb.ToString())) throw new FormatException($"{where}: label {label} twice");
                i = j + 1;
                if (i < line.Length && line[i] == ',') i++;
                else if (i >= line.Length || line[i] != '}') throw new FormatException($"{where}: expected ',' or '}}'");
            }
        }
        if (i >= line.Length || line[i] != ' ') throw new FormatException($"{where}: no value");
        var rest = line[(i + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2) throw new FormatException($"{where}: bad value/timestamp");
        double value = rest[0] switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new FormatException($"{where}: value '{rest[0]}' is not a float"),
        };
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) throw new FormatException($"{where}: bad timestamp");
        return new PromSample(name, labels, value);
    }

    private static string Unescape(string s, bool help, string where)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\')
            {
                sb.Append(s[i]);
                continue;
            }
            if (++i >= s.Length) throw new FormatException($"{where}: dangling backslash");
            sb.Append(s[i] switch { '\\' => '\\', 'n' => '\n', '"' when !help => '"', _ => throw new FormatException($"{where}: bad escape") });
        }
        return sb.ToString();
    }

    private static bool IsMetricName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] is '_' or ':') && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static bool IsLabelName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
