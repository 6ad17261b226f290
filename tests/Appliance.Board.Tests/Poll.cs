using System.Diagnostics;

namespace Appliance.Board.Tests;

/// <summary>Waits for a condition by polling against a deadline (never a fixed sleep).</summary>
internal static class Poll
{
    public static bool Until(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = Stopwatch.StartNew();
        TimeSpan limit = within ?? TimeSpan.FromSeconds(5);
        var spin = new SpinWait();
        while (!condition())
        {
            if (deadline.Elapsed > limit) return condition();
            spin.SpinOnce(sleep1Threshold: 20);
        }
        return true;
    }
}
