using System.Collections.Immutable;
using Appliance.Vrrp;

namespace Appliance.Heartbeat;

/// <summary>The split-brain defence configuration: extra paths on which peers hear each other.</summary>
public sealed record HeartbeatSettings
{
    /// <summary>This node's id in heartbeat frames (1..65535); 0 means "derive from the router id".</summary>
    public ushort NodeId { get; init; }

    /// <summary>Extra channels besides the VRRP LAN itself. Empty: plain VRRP behaviour.</summary>
    public ImmutableArray<HeartbeatChannelSettings> Channels { get; init; } = [];

    /// <summary>What a backup does when the LAN is silent but another channel still hears the master.</summary>
    public LanFaultPolicy OnLanFault { get; init; } = LanFaultPolicy.StayBackup;

    /// <summary>Optional fencing of a peer that stays master beside us.</summary>
    public FenceSettings? Fence { get; init; }
}

/// <summary>What a backup does on a LAN fault (master silent on the LAN, alive elsewhere).</summary>
public enum LanFaultPolicy : byte
{
    /// <summary>Stay backup and raise an alert (default: never two masters).</summary>
    StayBackup,

    /// <summary>Go to Fault and raise an alert.</summary>
    GoFault,
}

/// <summary>Which medium a channel uses.</summary>
public enum HeartbeatChannelKind : byte
{
    /// <summary>A dedicated NIC on a direct link, carrying our frames over UDP unicast.</summary>
    Link,

    /// <summary>A serial line (RS-232 or a USB adapter), raw 8N1.</summary>
    Serial,
}

/// <summary>One heartbeat channel.</summary>
public sealed record HeartbeatChannelSettings
{
    /// <summary>A name for logs and alerts (e.g. <c>direct</c>, <c>serial0</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The medium.</summary>
    public required HeartbeatChannelKind Kind { get; init; }

    /// <summary>Link: the dedicated interface.</summary>
    public string? Interface { get; init; }

    /// <summary>Link: our address on the direct link.</summary>
    public IpAddr? LocalAddress { get; init; }

    /// <summary>Link: the peer's address on the direct link.</summary>
    public IpAddr? PeerAddress { get; init; }

    /// <summary>Link: UDP port (both ends).</summary>
    public ushort Port { get; init; } = 7112;

    /// <summary>Serial: the tty device, e.g. <c>/dev/ttyS1</c> or <c>/dev/ttyUSB0</c>.</summary>
    public string? Device { get; init; }

    /// <summary>Serial: baud rate, 9600..921600 (heartbeat's default 19200).</summary>
    public int Baud { get; init; } = 19200;

    /// <summary>Serial: RTS/CTS hardware flow control.</summary>
    public bool RtsCts { get; init; }

    /// <summary>How often a frame is sent.</summary>
    public Centiseconds Interval { get; init; } = Centiseconds.FromSeconds(1);

    /// <summary>Silence after which the channel is considered down.</summary>
    public Centiseconds DeadTime { get; init; } = Centiseconds.FromSeconds(3);

    /// <summary>Optional HMAC-SHA256 key shared by both ends; empty means no authentication.</summary>
    public ImmutableArray<byte> Key { get; init; } = [];
}

/// <summary>Fencing: stop a peer that stays master beside us.</summary>
public sealed record FenceSettings
{
    /// <summary>The command; the peer's node id is appended as its last argument.</summary>
    public required string Command { get; init; }

    /// <summary>How long two masters must persist before fencing.</summary>
    public Centiseconds After { get; init; } = Centiseconds.FromSeconds(5);

    /// <summary>Upper bound of the random delay added so two nodes do not fence each other at once.</summary>
    public Centiseconds MaxRandomDelay { get; init; } = Centiseconds.FromSeconds(2);
}
