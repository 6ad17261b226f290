using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// The console stand-in for status LEDs when no board drives real ones: one log line per
/// state change naming what the status LED shows (keepalived has none; operators and the demo
/// read this). Runs only on state changes, never per packet.
/// </summary>
internal sealed class StateLedLog(ILogger log) : IEventSink
{
    public void Publish(in ApplianceEvent e)
    {
        if (e.Kind != EventKind.StateChanged) return;
        string led = e.To switch
        {
            VrrpState.Master => "green solid (MASTER)",
            VrrpState.Backup => "green slow blink (BACKUP)",
            VrrpState.Fault => "red solid (FAULT)",
            _ => "off (INIT)",
        };
        log.Information("LED status [{Instance}]: {Led}", e.Instance, led);
    }
}
