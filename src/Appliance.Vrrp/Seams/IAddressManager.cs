namespace Appliance.Vrrp.Seams;

/// <summary>
/// Interface addresses: the VIPs an instance adds when it becomes master and removes when it stops
/// being one. Add and delete are idempotent (an address already present, or already gone, is
/// success), which is what a takeover after a crash needs. Linux: rtnetlink.
/// </summary>
public interface IAddressManager
{
    /// <summary>Adds an address; <see cref="IoError.None"/> when it is (now) present.</summary>
    IoError Add(in AddressRequest request);

    /// <summary>Removes an address; <see cref="IoError.None"/> when it is (now) absent.</summary>
    IoError Delete(in AddressRequest request);

    /// <summary>All addresses of <paramref name="family"/> (null: both) on every interface, or on one (start-up and reload only: allocates).</summary>
    List<AddressEntry> Dump(IpFamily? family = null, int interfaceIndex = 0);
}
