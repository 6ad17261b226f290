using Appliance.Testing.Seams;

namespace Appliance.Host.Tests.Contracts;

// The in-memory seams of Appliance.Testing, held to the same contracts as the Linux ones.

public sealed class InMemoryAdvertSocketContractTests : AdvertSocketContract
{
    protected override Pair Open(IpFamily family)
    {
        var segment = new AdvertSegment();
        var (a, b) = family == IpFamily.IPv4
            ? (IpAddr.Parse("10.0.0.1"), IpAddr.Parse("10.0.0.2"))
            : (IpAddr.Parse("fe80::1"), IpAddr.Parse("fe80::2"));
        var group = family == IpFamily.IPv4 ? IpAddr.VrrpMulticastV4 : IpAddr.VrrpMulticastV6;
        return new Pair(segment.Attach(family, a, 2, "eth0"), a, segment.Attach(family, b, 3, "eth0"), b, group, new Nothing());
    }
}

public sealed class InMemoryAddressTableContractTests : AddressManagerContract
{
    protected override Fixture Open() => new(new InMemoryAddressTable(2), 2, "eth0", new Nothing());
}

public sealed class InMemoryLinkEventsContractTests : LinkEventsContract
{
    protected override Fixture Open()
    {
        var events = new InMemoryLinkEvents();
        return new Fixture(events, 2, () => events.Raise(2, operational: false), () => events.Raise(2, operational: true), new Nothing());
    }
}

public sealed class FrameRecorderContractTests : FrameSenderContract
{
    protected override Fixture Open() => new(new FrameRecorder(2), 2, new Nothing());
}

internal sealed class Nothing : IDisposable
{
    public void Dispose() { }
}
