using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Appliance.Logging;

/// <summary>
/// Gives every log line a stable event id: eight hex digits of the FNV-1a hash of the message
/// template, so "became MASTER" has the same id on every router and every release that keeps its
/// wording, and an operator can grep, alert or count on it without parsing the sentence. A call
/// site that sets an <c>EventId</c> property itself keeps it.
/// </summary>
internal sealed class EventIdEnricher : ILogEventEnricher
{
    public const string PropertyName = "EventId";

    // One property per template, made once: a template is a call site, so the set is small and
    // fixed, and logging a known line allocates no new id.
    private readonly ConcurrentDictionary<string, LogEventProperty> _byTemplate = new(StringComparer.Ordinal);

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.ContainsKey(PropertyName)) return;
        string template = logEvent.MessageTemplate.Text;
        var p = _byTemplate.GetOrAdd(template, static t => new LogEventProperty(PropertyName, new ScalarValue(Of(t))));
        logEvent.AddPropertyIfAbsent(p);
    }

    /// <summary>The id of a message template: FNV-1a (32 bits) over its UTF-16 code units, as hex.</summary>
    public static string Of(string template)
    {
        uint h = 2166136261;
        foreach (char c in template)
        {
            h ^= c;
            h *= 16777619;
        }
        return h.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
