using Appliance.Testing.Simulation;
using CsCheck;

namespace Appliance.Host.Tests.Simulation;

internal static class SimulationGens
{
    /// <summary>2..5 routers, any priorities (ties included), random preempt, one or two VRIDs,
    /// v2 at 1 or 2 s, or v3 at 0.5, 1 or 2 s; RFC or keepalived preemption and start-up.</summary>
    public static readonly Gen<Topology> Topology =
        from n in Gen.Int[2, 5]
        from priorities in Gen.Int[1, 254].Array[n]
        from preempt in Gen.Bool.Array[n]
        from twoVrids in Gen.Bool
        from v3 in Gen.Bool
        from intervalCs in v3 ? Gen.OneOfConst(50, 100, 200) : Gen.OneOfConst(100, 200)
        from seed in Gen.Int
        from atOnce in Gen.Bool
        from startAsMaster in Gen.Bool
        select new Topology(priorities, preempt, twoVrids, v3 ? VrrpVersion.V3 : VrrpVersion.V2, intervalCs, seed, atOnce, startAsMaster);

    /// <summary>One VRID, distinct priorities, so "who must win" has one answer.</summary>
    public static readonly Gen<Topology> SingleGroupDistinctPriorities =
        from n in Gen.Int[2, 5]
        from first in Gen.Int[1, 254 - n]
        from steps in Gen.Int[1, 20].Array[n]
        from preempt in Gen.Bool.Array[n]
        from v3 in Gen.Bool
        from intervalCs in Gen.OneOfConst(100, 200)
        from seed in Gen.Int
        from atOnce in Gen.Bool
        from startAsMaster in Gen.Bool
        select new Topology(Spread(first, steps), preempt, false, v3 ? VrrpVersion.V3 : VrrpVersion.V2, intervalCs, seed, atOnce, startAsMaster);

    // Strictly increasing priorities from `first`, clamped to 254, shuffled by position only
    // through the steps (so the highest is not always the last router).
    private static int[] Spread(int first, int[] steps)
    {
        var p = new int[steps.Length];
        int v = first;
        for (int i = 0; i < p.Length; i++)
        {
            v = Math.Min(254 - (p.Length - 1 - i), v + (i == 0 ? 0 : steps[i]));
            p[i] = v;
        }
        // Rotate so the winner's position varies with the steps.
        int shift = steps[0] % p.Length;
        return [.. p.Skip(shift), .. p.Take(shift)];
    }
}
