using Appliance.Vrrp.Protocol;

namespace Appliance.Vrrp.Events;

/// <summary>
/// Something an operator or a board (LEDs, notify scripts, the FIFO, e-mail) may want to know.
/// A value with references to strings that exist for the daemon's lifetime, so publishing on a
/// hot path does not allocate.
/// </summary>
public readonly record struct ApplianceEvent(
    EventKind Kind,
    MonoTime At,
    string Instance = "",
    VrrpState From = VrrpState.Initialize,
    VrrpState To = VrrpState.Initialize,
    byte Priority = 0,
    string Channel = "",
    ushort PeerId = 0);
