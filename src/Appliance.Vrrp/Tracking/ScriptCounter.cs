namespace Appliance.Vrrp.Tracking;

/// <summary>
/// keepalived's rise/fall counting for one <c>vrrp_script</c> (vrrp_scheduler.c,
/// vrrp_script_child_thread). <see cref="Result"/> runs from 0 to rise + fall - 1; the script is
/// up while it is at least rise. The first verdict decides at once (a pending script goes up on
/// its first success and down on its first failure); after that it takes <c>rise</c> successes
/// in a row to go up and <c>fall</c> failures in a row to go down. <c>init_fail</c> starts the
/// script down rather than pending.
/// </summary>
public sealed class ScriptCounter
{
    /// <summary>Counts with keepalived's defaults (rise 1, fall 1) when given values below 1.</summary>
    public ScriptCounter(int rise, int fall, bool initFail)
    {
        Rise = Math.Max(1, rise);
        Fall = Math.Max(1, fall);
        if (initFail)
        {
            Status = TrackerStatus.Down;
            Result = 0;
        }
        else
        {
            Result = Rise - 1;
        }
    }

    /// <summary>Successes needed to go up.</summary>
    public int Rise { get; }

    /// <summary>Failures needed to go down.</summary>
    public int Fall { get; }

    /// <summary>keepalived's vscript->result.</summary>
    public int Result { get; private set; }

    /// <summary>Pending until the first verdict, then up or down.</summary>
    public TrackerStatus Status { get; private set; }

    /// <summary>Runs counted so far (successes and failures, timeouts included).</summary>
    public long Runs { get; private set; }

    /// <summary>Failed runs counted so far (non-zero exit, killed by a signal, timed out).</summary>
    public long Failures { get; private set; }

    /// <summary>Counts one finished run; returns true when <see cref="Status"/> changed.</summary>
    public bool Report(bool success)
    {
        Runs++;
        var before = Status;
        int top = Rise + Fall - 1;
        if (success)
        {
            if (Result < Rise - 1)
            {
                Result++;
            }
            else if (Result != top)
            {
                if (Result < Rise) Status = TrackerStatus.Up;
                Result = top;
            }
        }
        else
        {
            Failures++;
            if (Result > Rise)
            {
                Result--;
            }
            else
            {
                if (Result == Rise || Status == TrackerStatus.Pending) Status = TrackerStatus.Down;
                Result = 0;
            }
        }
        return Status != before;
    }
}
