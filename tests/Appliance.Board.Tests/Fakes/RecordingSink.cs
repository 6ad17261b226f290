using Appliance.Vrrp.Events;

namespace Appliance.Board.Tests.Fakes;

/// <summary>Keeps every published event (preallocated, so allocation tests can use it).</summary>
public sealed class RecordingSink : IEventSink
{
    public List<ApplianceEvent> Events { get; } = new(capacity: 100_000);
    public void Publish(in ApplianceEvent e) => Events.Add(e);
}
