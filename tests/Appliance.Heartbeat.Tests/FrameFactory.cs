using Appliance.Heartbeat.Wire;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Heartbeat.Tests;

/// <summary>Builds encoded frames for tests.</summary>
internal static class FrameFactory
{
    public static readonly byte[] Key = "a shared secret of the two routers"u8.ToArray();

    public static HeartbeatEntry Entry(byte vrid = 51, VrrpState state = VrrpState.Master, byte priority = 100,
        string address = "10.200.0.11", bool lanFault = false) =>
        new(vrid, IpAddr.Parse(address).Family, state, priority, Centiseconds.FromSeconds(1), IpAddr.Parse(address), lanFault);

    public static byte[] Encode(ushort nodeId, uint sequence, ReadOnlySpan<HeartbeatEntry> entries, ReadOnlySpan<byte> key = default, uint epoch = 7,
        uint echo = 0, uint nonce = 0x5EED)
    {
        var buffer = new byte[HeartbeatWire.MaxFrameSize];
        int n = HeartbeatCodec.Encode(buffer, new HeartbeatHeader(nodeId, epoch, sequence, nonce, echo), entries, key);
        Assert.True(n > 0, "encode failed");
        return buffer[..n];
    }
}
