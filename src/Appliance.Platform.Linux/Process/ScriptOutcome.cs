using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp;
using Appliance.Vrrp.Tracking;

namespace Appliance.Platform.Linux.Process;

/// <summary>How one run of a tracked script ended.</summary>
public enum ScriptOutcomeKind : byte
{
    /// <summary>It exited; success is exit status 0.</summary>
    Exited,

    /// <summary>A signal ended it before its timeout (a failure).</summary>
    Signalled,

    /// <summary>It outlived its timeout; its process group was killed (a failure, as keepalived counts it).</summary>
    TimedOut,

    /// <summary>It could not be started (a failure).</summary>
    SpawnFailed,
}

/// <summary>One counted run of a tracked script and what it did to the script's state.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Exit">Exit code or signal, for <see cref="ScriptOutcomeKind.Exited"/> and <see cref="ScriptOutcomeKind.Signalled"/>.</param>
/// <param name="Error">Why it could not start, for <see cref="ScriptOutcomeKind.SpawnFailed"/>.</param>
/// <param name="StatusChanged">The rise/fall count flipped the script up or down.</param>
/// <param name="Status">The script's state after this run.</param>
/// <param name="At">When the loop counted it.</param>
public readonly record struct ScriptOutcome(ScriptOutcomeKind Kind, ChildExit Exit, Errno Error, bool StatusChanged, TrackerStatus Status, MonoTime At)
{
    /// <summary>Whether the run counted as a success.</summary>
    public bool Success => Kind == ScriptOutcomeKind.Exited && Exit.Success;
}
