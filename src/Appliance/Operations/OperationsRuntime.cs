using System.Net.Sockets;
using Appliance.Config.Model;
using Appliance.Operations.AgentX;
using Appliance.Operations.Metrics;
using Appliance.Vrrp;
using Appliance.Host;
using Serilog;

namespace Appliance.Operations;

/// <summary>
/// The optional operator exports, composed from <see cref="OperationsSettings"/>: the AgentX
/// subagent and the Prometheus endpoint, each a loop source. Both read the daemon through
/// <see cref="OperationsSnapshot"/> only. Built at start; a reload keeps global_defs, so they
/// live as long as the daemon.
/// </summary>
internal sealed class OperationsRuntime : IDisposable
{
    private OperationsRuntime(AgentXSubagent? subagent, MetricsEndpoint? metrics)
    {
        Subagent = subagent;
        Metrics = metrics;
    }

    public AgentXSubagent? Subagent { get; }

    public MetricsEndpoint? Metrics { get; }

    /// <summary>Creates and registers what <paramref name="settings"/> asks for. Throws
    /// <see cref="DaemonStartupException"/> with the fix when an address is unusable.</summary>
    public static OperationsRuntime Start(OperationsSettings settings, Daemon.Daemon daemon, ILogger log, MonoTime now)
    {
        AgentXSubagent? subagent = null;
        MetricsEndpoint? metrics = null;
        if (settings.SnmpEnabled)
        {
            AgentXEndpoint endpoint;
            try
            {
                endpoint = AgentXEndpoint.Parse(settings.SnmpSocket);
            }
            catch (FormatException e)
            {
                throw new DaemonStartupException(e.Message);
            }
            subagent = new AgentXSubagent(endpoint, settings.SnmpTraps, t => OperationsSnapshot.Take(daemon, t), () => daemon.Hosts, daemon.StartedAt, log, now);
            daemon.Loop.Register(subagent);
            log.Information("SNMP: AgentX subagent for the VRRPv3 MIB via {Endpoint}{Traps}", endpoint.Text, settings.SnmpTraps ? ", notifications on" : "");
        }
        if (settings.MetricsListen is { } listen)
        {
            var self = new Holder();
            try
            {
                metrics = MetricsEndpoint.Listen(listen, daemon.Loop, t => PrometheusText.Render(OperationsSnapshot.Take(daemon, t), new PrometheusText.Extra(self.Metrics!.Scrapes, subagent)), log);
            }
            catch (Exception e) when (e is FormatException or SocketException)
            {
                subagent?.Dispose();
                throw new DaemonStartupException($"metrics endpoint: {e.Message}");
            }
            self.Metrics = metrics;
            daemon.Loop.Register(metrics);
            log.Information("metrics: Prometheus text format at http://{Endpoint}/metrics", metrics.LocalEndPoint.ToString());
        }
        return new OperationsRuntime(subagent, metrics);
    }

    private sealed class Holder
    {
        public MetricsEndpoint? Metrics;
    }

    public void Dispose()
    {
        Subagent?.Dispose();
        Metrics?.Dispose();
    }
}
