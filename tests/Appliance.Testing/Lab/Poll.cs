using System.Diagnostics;

namespace Appliance.Testing.Lab;

/// <summary>Waiting for something without fixed sleeps: poll a condition until a deadline.</summary>
public static class Poll
{
    /// <summary>
    /// Polls <paramref name="condition"/> every few milliseconds until it holds (returns the
    /// elapsed time) or <paramref name="timeout"/> passes (returns null).
    /// </summary>
    public static TimeSpan? Until(Func<bool> condition, TimeSpan timeout, int intervalMs = 10)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (condition()) return sw.Elapsed;
            if (sw.Elapsed > timeout) return null;
            // The one sanctioned wait: the granularity of a deadline-bounded poll, never a guess at timing.
            Thread.Sleep(intervalMs);
        }
    }

    /// <summary>Like <see cref="Until"/>, but fails the test with <paramref name="what"/> on timeout.</summary>
    public static TimeSpan Require(Func<bool> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null)
    {
        var t = Until(condition, timeout);
        if (t is null)
            throw new Xunit.Sdk.XunitException($"timed out after {timeout.TotalSeconds:0.0}s waiting for: {what}" +
                (diagnostics is null ? "" : Environment.NewLine + diagnostics()));
        return t.Value;
    }
}
