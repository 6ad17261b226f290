using Appliance.Heartbeat.Channels;
using Appliance.Platform.Linux.Serial;
using Appliance.Testing.Lab;

namespace Appliance.Platform.Linux.Tests.HeartbeatTransport;

/// <summary>The transport contract for <see cref="SerialLine"/> over a socat pty pair.</summary>
public sealed class SerialLineContractTests : HeartbeatTransportContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ap-contract-").FullName;
    private SocatPtyPair? _pair;

    protected override (IHeartbeatTransport A, IHeartbeatTransport B) CreatePair()
    {
        _pair = SocatPtyPair.Create(_dir);
        var a = new SerialLine(_pair.PathA, 921600, rtsCts: false);
        var b = new SerialLine(_pair.PathB, 921600, rtsCts: false);
        Assert.True(a.TryOpen(), a.LastError);
        Assert.True(b.TryOpen(), b.LastError);
        return (a, b);
    }

    public override void Dispose()
    {
        _pair?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
