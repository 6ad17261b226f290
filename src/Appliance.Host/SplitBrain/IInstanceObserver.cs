using Appliance.Vrrp;

namespace Appliance.Host.SplitBrain;

/// <summary>
/// What the split-brain defence needs to hear from an <see cref="InstanceHost"/>. Called on the loop
/// thread, possibly in the middle of performing an instance's actions: an observer only records,
/// and acts later in its own turn (the action buffer is shared by every host).
/// </summary>
public interface IInstanceObserver
{
    /// <summary>A valid advert from another router arrived for the instance (the LAN channel hears that master).</summary>
    void OnPeerAdvert(InstanceHost host, byte priority, IpAddr source, Centiseconds interval, MonoTime now);

    /// <summary>The instance's master-down timer fired while the takeover was inhibited.</summary>
    void OnTakeoverInhibited(InstanceHost host, MonoTime now);

    /// <summary>The instance changed state.</summary>
    void OnStateChanged(InstanceHost host, MonoTime now);
}
