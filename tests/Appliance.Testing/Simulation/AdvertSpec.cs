using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Testing.Simulation;

/// <summary>
/// The fields of one advertisement as plain data, for tests that want to say "an advert with
/// priority 0 from 10.0.0.2 arrives at t=3s" without building packets by hand. The address bytes
/// are laid out once, so delivering the same advert repeatedly does not allocate.
/// </summary>
public sealed class AdvertSpec
{
    private byte[]? _addressBytes;
    private byte[]? _authBytes;

    /// <summary>Protocol version.</summary>
    public VrrpVersion Version { get; init; } = VrrpVersion.V3;

    /// <summary>Address family.</summary>
    public IpFamily Family { get; init; } = IpFamily.IPv4;

    /// <summary>Virtual router id.</summary>
    public byte Vrid { get; init; } = 1;

    /// <summary>Sender's priority.</summary>
    public byte Priority { get; init; } = 100;

    /// <summary>Advertised interval (v2: whole seconds × 100).</summary>
    public Centiseconds Interval { get; init; } = Centiseconds.FromSeconds(1);

    /// <summary>The address list carried.</summary>
    public IReadOnlyList<IpAddr> Addresses { get; init; } = [];

    /// <summary>v2 authentication type.</summary>
    public AuthType AuthType { get; init; } = AuthType.None;

    /// <summary>v2 authentication data (padded to 8 bytes).</summary>
    public IReadOnlyList<byte> AuthData { get; init; } = [];

    /// <summary>Builds the fields a router with <paramref name="settings"/> would advertise.</summary>
    public static AdvertSpec For(InstanceSettings settings, byte priority) => new()
    {
        Version = settings.Version,
        Family = settings.Family,
        Vrid = settings.Vrid,
        Priority = priority,
        Interval = settings.AdvertInterval,
        Addresses = [.. settings.VirtualAddresses],
        AuthType = settings.AuthType,
        AuthData = [.. settings.AuthData],
    };

    /// <summary>The same advert with another priority.</summary>
    public AdvertSpec WithPriority(byte priority) => new()
    {
        Version = Version, Family = Family, Vrid = Vrid, Priority = priority, Interval = Interval,
        Addresses = Addresses, AuthType = AuthType, AuthData = AuthData,
    };

    /// <summary>The address list in network order, as the wire carries it.</summary>
    public byte[] AddressBytes => _addressBytes ??= LayOutAddresses();

    /// <summary>Eight auth bytes for v2, none for v3.</summary>
    public byte[] AuthBytes => _authBytes ??= LayOutAuth();

    /// <summary>Hands this advert to <paramref name="instance"/> as if it arrived from <paramref name="source"/>.</summary>
    public MonoTime DeliverTo(Instance instance, IpAddr source, MonoTime now, ActionBuffer actions, byte ttl = 255, IpAddr destination = default)
    {
        var advert = new VrrpAdvert(Version, Family, Vrid, Priority, (byte)Addresses.Count, Interval, AuthType,
            AddressBytes, AuthBytes, ChecksumForm.MessageOnly);
        return instance.Handle(InstanceInput.FromAdvert(advert, source, ttl, destination), now, actions);
    }

    private byte[] LayOutAddresses()
    {
        int size = IpAddr.SizeOf(Family);
        var bytes = new byte[Addresses.Count * size];
        for (int i = 0; i < Addresses.Count; i++) Addresses[i].WriteTo(bytes.AsSpan(i * size));
        return bytes;
    }

    private byte[] LayOutAuth()
    {
        if (Version != VrrpVersion.V2) return [];
        var bytes = new byte[8];
        for (int i = 0; i < AuthData.Count && i < 8; i++) bytes[i] = AuthData[i];
        return bytes;
    }
}
