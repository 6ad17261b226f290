namespace Appliance.Vrrp.Events;

/// <summary>Receives events on the loop thread. Implementations must not block: a slow consumer
/// (a script, SMTP) queues and does its work elsewhere.</summary>
public interface IEventSink
{
    /// <summary>Delivers one event.</summary>
    void Publish(in ApplianceEvent e);
}
