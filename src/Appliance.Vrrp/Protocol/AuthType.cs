namespace Appliance.Vrrp.Protocol;

/// <summary>VRRPv2 authentication types (RFC 3768 §5.3.6). VRRPv3 has none.</summary>
public enum AuthType : byte
{
    /// <summary>No authentication.</summary>
    None = 0,

    /// <summary>Simple text password, 8 bytes, zero padded ("PASS" in keepalived).</summary>
    SimpleText = 1,

    /// <summary>IP Authentication Header; deprecated by RFC 3768 and rejected here.</summary>
    IpAuthHeader = 2,
}
