using Appliance.Vrrp.Protocol;

namespace Appliance.Vrrp.Wire;

/// <summary>
/// A syntactically valid advertisement, viewing the received bytes (no copy, no allocation).
/// Produced by the codec's decoder; tests may build one directly.
/// </summary>
public readonly ref struct VrrpAdvert
{
    /// <summary>Creates a view. <paramref name="addresses"/> holds <paramref name="count"/> addresses of <paramref name="family"/>.</summary>
    public VrrpAdvert(VrrpVersion version, IpFamily family, byte vrid, byte priority, byte count,
        Centiseconds maxAdvertInterval, AuthType authType, ReadOnlySpan<byte> addresses,
        ReadOnlySpan<byte> authData, ChecksumForm checksumForm)
    {
        Version = version;
        Family = family;
        Vrid = vrid;
        Priority = priority;
        CountIpAddrs = count;
        MaxAdvertInterval = maxAdvertInterval;
        AuthType = authType;
        AddressBytes = addresses;
        AuthData = authData;
        ChecksumForm = checksumForm;
    }

    /// <summary>Protocol version.</summary>
    public VrrpVersion Version { get; }

    /// <summary>Address family of the addresses (and of the IP packet that carried them).</summary>
    public IpFamily Family { get; }

    /// <summary>Virtual router id, 1..255.</summary>
    public byte Vrid { get; }

    /// <summary>Sender's priority: 255 owner, 0 leaving.</summary>
    public byte Priority { get; }

    /// <summary>Number of addresses.</summary>
    public byte CountIpAddrs { get; }

    /// <summary>Advertisement interval. v3 carries centiseconds; v2 carries seconds, stored here × 100.</summary>
    public Centiseconds MaxAdvertInterval { get; }

    /// <summary>v2 auth type; <see cref="AuthType.None"/> for v3.</summary>
    public AuthType AuthType { get; }

    /// <summary>The raw address list, <see cref="CountIpAddrs"/> × address size bytes.</summary>
    public ReadOnlySpan<byte> AddressBytes { get; }

    /// <summary>v2's 8 authentication bytes; empty for v3.</summary>
    public ReadOnlySpan<byte> AuthData { get; }

    /// <summary>Which checksum form matched on receive.</summary>
    public ChecksumForm ChecksumForm { get; }

    /// <summary>The <paramref name="index"/>th address.</summary>
    public IpAddr Address(int index)
    {
        int size = IpAddr.SizeOf(Family);
        return IpAddr.Read(Family, AddressBytes.Slice(index * size, size));
    }
}
