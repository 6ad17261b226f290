using Appliance.Vrrp;

namespace Appliance.Host.SplitBrain;

/// <summary>
/// What the split-brain defence needs to hear from an <see cref="InstanceHost"/>. The On… calls come
/// on the loop thread in the middle of performing an instance's actions (the action buffer is shared
/// by every host): an observer only records there. <see cref="OnHostSettled"/> comes once the host has
/// finished with the buffer, in the same turn: that is where recorded decisions are applied.
/// </summary>
public interface IInstanceObserver
{
    /// <summary>The instance accepted an advert from another router (<c>ActionKind.AdvertAccepted</c>:
    /// it passed every receive check), so the LAN channel hears that master.</summary>
    void OnAdvertAccepted(InstanceHost host, byte priority, IpAddr source, Centiseconds interval, MonoTime now);

    /// <summary>The instance's master-down timer fired while the takeover was inhibited.</summary>
    void OnTakeoverInhibited(InstanceHost host, MonoTime now);

    /// <summary>The instance changed state.</summary>
    void OnStateChanged(InstanceHost host, MonoTime now);

    /// <summary>The host performed every action of one input and no longer uses the action buffer.</summary>
    void OnHostSettled(MonoTime now);
}
