using System.Collections.Immutable;
using Appliance.Vrrp;
using Appliance.Vrrp.Wire;

namespace Appliance.Config.Model;

/// <summary>keepalived's global_defs, the VRRP-relevant part.</summary>
public sealed record GlobalSettings
{
    /// <summary>router_id; defaults to the short hostname at run time when null.</summary>
    public string? RouterId { get; init; }

    /// <summary>notification_email recipients.</summary>
    public ImmutableArray<string> NotificationEmails { get; init; } = [];

    /// <summary>notification_email_from.</summary>
    public string? NotificationEmailFrom { get; init; }

    /// <summary>smtp_server address.</summary>
    public string? SmtpServer { get; init; }

    /// <summary>smtp_server port (keepalived default 25).</summary>
    public int SmtpPort { get; init; } = 25;

    /// <summary>smtp_connect_timeout in seconds (keepalived default 30).</summary>
    public int SmtpConnectTimeoutSeconds { get; init; } = 30;

    /// <summary>vrrp_version: the default version of instances.</summary>
    public VrrpVersion DefaultVersion { get; init; } = VrrpVersion.V2;

    /// <summary>v3 IPv4 send checksum form (vrrp_check_unicast_src / v3_checksum_as_v2 / old_unicast_checksum).</summary>
    public ChecksumForm V3Ipv4SendChecksum { get; init; } = ChecksumForm.PseudoHeader;

    /// <summary>vrrp_mcast_group4.</summary>
    public IpAddr MulticastGroup4 { get; init; } = IpAddr.VrrpMulticastV4;

    /// <summary>vrrp_mcast_group6.</summary>
    public IpAddr MulticastGroup6 { get; init; } = IpAddr.VrrpMulticastV6;

    /// <summary>Default GARP behaviour (vrrp_garp_* keys).</summary>
    public GarpSettings Garp { get; init; } = new();

    /// <summary>enable_script_security.</summary>
    public bool ScriptSecurity { get; init; }

    /// <summary>script_user (user and optional group).</summary>
    public string? ScriptUser { get; init; }

    /// <summary>global.control_group (TOML only): besides root, members of this group may use the control socket.</summary>
    public string? ControlGroup { get; init; }

    /// <summary>vrrp_notify_fifo path.</summary>
    public string? NotifyFifo { get; init; }

    /// <summary>The flight recorder's file; null: the default under the runtime directory.</summary>
    public string? FlightRecorderPath { get; init; }

    /// <summary>Directory of the keepalived-format dumps; null: $TMPDIR if absolute, else /tmp (keepalived's rule).</summary>
    public string? DumpDirectory { get; init; }

    /// <summary>vrrp_startup_delay: hold every instance in Initialize this long after start
    /// (false masters while links come up).</summary>
    public Centiseconds StartupDelay { get; init; } = Centiseconds.Zero;

    /// <summary>global.log_level: debug, info, warning or error (TOML only).</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>SNMP subagent and Prometheus endpoint.</summary>
    public OperationsSettings Operations { get; init; } = new();

    /// <summary>Value equality: the recipient list by its items.</summary>
    public bool Equals(GlobalSettings? other) =>
        other is not null && ValueEquality.Sequence(NotificationEmails, other.NotificationEmails)
        && RouterId == other.RouterId && NotificationEmailFrom == other.NotificationEmailFrom && SmtpServer == other.SmtpServer
        && SmtpPort == other.SmtpPort && SmtpConnectTimeoutSeconds == other.SmtpConnectTimeoutSeconds && DefaultVersion == other.DefaultVersion
        && V3Ipv4SendChecksum == other.V3Ipv4SendChecksum && MulticastGroup4 == other.MulticastGroup4 && MulticastGroup6 == other.MulticastGroup6
        && Garp == other.Garp && ScriptSecurity == other.ScriptSecurity && ScriptUser == other.ScriptUser && ControlGroup == other.ControlGroup && NotifyFifo == other.NotifyFifo
        && StartupDelay == other.StartupDelay && LogLevel == other.LogLevel && Operations == other.Operations
        && FlightRecorderPath == other.FlightRecorderPath && DumpDirectory == other.DumpDirectory;

    /// <summary>Consistent with <see cref="Equals(GlobalSettings?)"/>.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(ValueEquality.Hash(NotificationEmails), RouterId, SmtpServer, SmtpPort, DefaultVersion, MulticastGroup4, Garp, HashCode.Combine(ScriptUser, NotifyFifo, StartupDelay, Operations, FlightRecorderPath, DumpDirectory));
}
