using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Testing.Simulation;

/// <summary>The observer: every state every router entered, with the time, so properties can ask
/// "how many masters did VRID 1 have between t1 and t2".</summary>
public sealed class StateTimeline
{
    private readonly List<Change> _changes = [];

    /// <summary>One recorded state entry.</summary>
    public readonly record struct Change(MonoTime At, int Router, byte Vrid, VrrpState State);

    /// <summary>A half-open period [<see cref="From"/>, <see cref="To"/>).</summary>
    public readonly record struct Period(MonoTime From, MonoTime To)
    {
        /// <summary>Length in nanoseconds.</summary>
        public long Nanoseconds => To.NanosecondsSince(From);

        /// <summary>For test output.</summary>
        public override string ToString() => $"[{From.Nanoseconds / 1e9:F6}s, {To.Nanoseconds / 1e9:F6}s)";
    }

    /// <summary>Every change in time order.</summary>
    public IReadOnlyList<Change> Changes => _changes;

    internal void Record(MonoTime at, int router, byte vrid, VrrpState state) => _changes.Add(new Change(at, router, vrid, state));

    /// <summary>The state <paramref name="router"/> was in just after everything at <paramref name="at"/> happened.</summary>
    public VrrpState StateAt(int router, MonoTime at)
    {
        var state = VrrpState.Initialize;
        foreach (var c in _changes)
        {
            if (c.At > at) break;
            if (c.Router == router) state = c.State;
        }
        return state;
    }

    /// <summary>Periods within [<paramref name="from"/>, <paramref name="to"/>) during which VRID
    /// <paramref name="vrid"/> had more than one master.</summary>
    public IReadOnlyList<Period> MultiMasterPeriods(byte vrid, MonoTime from, MonoTime to) =>
        Periods(vrid, from, to, static count => count > 1);

    /// <summary>Periods within [<paramref name="from"/>, <paramref name="to"/>) during which VRID
    /// <paramref name="vrid"/> had no master.</summary>
    public IReadOnlyList<Period> NoMasterPeriods(byte vrid, MonoTime from, MonoTime to) =>
        Periods(vrid, from, to, static count => count == 0);

    /// <summary>Periods within [<paramref name="from"/>, <paramref name="to"/>) during which VRID
    /// <paramref name="vrid"/> did not have exactly one master.</summary>
    public IReadOnlyList<Period> NotExactlyOneMasterPeriods(byte vrid, MonoTime from, MonoTime to) =>
        Periods(vrid, from, to, static count => count != 1);

    /// <summary>The first time after <paramref name="after"/> that a router of VRID <paramref name="vrid"/> became master.</summary>
    public Change? FirstMasterAfter(byte vrid, MonoTime after)
    {
        foreach (var c in _changes)
            if (c.At > after && c.Vrid == vrid && c.State == VrrpState.Master) return c;
        return null;
    }

    // A sweep over the changes: the master count is constant between two distinct change times.
    private List<Period> Periods(byte vrid, MonoTime from, MonoTime to, Func<int, bool> wanted)
    {
        var result = new List<Period>();
        var states = new Dictionary<int, VrrpState>();
        int masters = 0;
        var segmentStart = MonoTime.Zero;
        int i = 0;
        while (true)
        {
            var segmentEnd = i < _changes.Count ? _changes[i].At : MonoTime.Never;
            AddClipped(result, segmentStart, segmentEnd, from, to, wanted(masters));
            if (i >= _changes.Count || segmentEnd >= to) break;
            var t = _changes[i].At;
            for (; i < _changes.Count && _changes[i].At == t; i++)
            {
                var c = _changes[i];
                if (c.Vrid != vrid) continue;
                bool was = states.TryGetValue(c.Router, out var old) && old == VrrpState.Master;
                states[c.Router] = c.State;
                masters += (c.State == VrrpState.Master ? 1 : 0) - (was ? 1 : 0);
            }
            segmentStart = t;
        }
        return result;
    }

    private static void AddClipped(List<Period> result, MonoTime start, MonoTime end, MonoTime from, MonoTime to, bool wanted)
    {
        if (!wanted) return;
        var s = start < from ? from : start;
        var e = end > to ? to : end;
        if (s >= e) return;
        if (result.Count > 0 && result[^1].To == s) result[^1] = result[^1] with { To = e };
        else result.Add(new Period(s, e));
    }
}
