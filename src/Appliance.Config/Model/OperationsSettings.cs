namespace Appliance.Config.Model;

/// <summary>
/// The operator-facing exports of global_defs: the SNMP AgentX subagent serving the VRRPv3 MIB
/// (RFC 6527) and the Prometheus text endpoint. Both are off unless asked for.
/// </summary>
public sealed record OperationsSettings
{
    /// <summary>The AgentX master's default socket (net-snmp's default).</summary>
    public const string DefaultAgentXSocket = "/var/agentx/master";

    /// <summary>enable_snmp_rfcv3 / enable_snmp_rfc (keepalived), global.snmp.enabled (TOML).</summary>
    public bool SnmpEnabled { get; init; }

    /// <summary>snmp_socket: a Unix socket path, <c>unix:/path</c>, or <c>tcp:HOST:PORT</c>.</summary>
    public string SnmpSocket { get; init; } = DefaultAgentXSocket;

    /// <summary>enable_traps (keepalived), global.snmp.traps (TOML): send vrrpv3NewMaster and
    /// vrrpv3ProtoError notifications through the master agent.</summary>
    public bool SnmpTraps { get; init; }

    /// <summary>metrics_listen (an appliance extension), global.metrics.listen (TOML): ADDRESS:PORT
    /// of the Prometheus text endpoint; null when off.</summary>
    public string? MetricsListen { get; init; }
}
