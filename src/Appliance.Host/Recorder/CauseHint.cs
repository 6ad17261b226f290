using Appliance.Vrrp.Tracking;

namespace Appliance.Host.Recorder;

/// <summary>
/// What the caller of <see cref="InstanceHost.Handle(in Vrrp.Protocol.InstanceInput, Vrrp.MonoTime, in CauseHint)"/>
/// knows about why it feeds that input (which tracker, which interface, which signal), so the flight
/// record of the transition it causes can say so. A small value holding references to strings that
/// already exist (configured names): nothing is allocated.
/// </summary>
/// <param name="Cause">Who outside the state machine acted.</param>
/// <param name="Detail">Tracker, interface or group name.</param>
/// <param name="Weight">The tracker's weight.</param>
/// <param name="TrackerKind">The tracker's kind.</param>
/// <param name="TrackerStatus">The tracker's new status.</param>
public readonly record struct CauseHint(
    RecordCause Cause,
    string? Detail = null,
    int Weight = 0,
    TrackerKind TrackerKind = default,
    TrackerStatus TrackerStatus = default);
