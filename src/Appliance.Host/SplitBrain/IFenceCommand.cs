using Appliance.Vrrp;

namespace Appliance.Host.SplitBrain;

/// <summary>
/// The hands that fence the peer when the arbiter decides to (a power switch, a BMC, a relay): the
/// daemon runs the configured command on its own thread; tests record the call. Never blocks.
/// </summary>
public interface IFenceCommand : IDisposable
{
    /// <summary>Starts fencing <paramref name="peerId"/>; false when a previous fence is still running.</summary>
    bool Fence(ushort peerId, IpAddr peerAddress, string instance, string channel);
}
