using System.Collections.Frozen;
using System.Text;
using Appliance.Config.Model;
using Appliance.Platform.Linux.Notify;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Serilog;

namespace Appliance.Notify;

/// <summary>
/// The event sink every alert flows through: keepalived's notify scripts, its notify FIFO and its
/// SMTP alerts, for state changes and for the split-brain events. <see cref="Publish"/> runs on the
/// loop thread and only queues; one worker writes the FIFO and runs scripts in order, another
/// sends mail, so neither a hung script nor a dead mail relay ever touches the packet path.
/// </summary>
internal sealed class NotifyDispatcher : IEventSink, IDisposable
{
    private readonly FrozenDictionary<string, VrrpInstanceConfig> _instances;
    private readonly FrozenDictionary<string, SyncGroupConfig> _groups;
    private readonly string[] _channelScripts;
    private readonly NotifyFifo? _fifo;
    private readonly SmtpSettings? _smtp;
    private readonly string _routerId;
    private readonly ScriptRunner _scripts;
    private readonly ILogger _log;
    private readonly EventWorker _local;
    private readonly EventWorker? _mail;

    public NotifyDispatcher(ApplianceConfig config, ILogger log, TimeSpan? scriptTimeout = null, ScriptPolicy? scripts = null)
    {
        _log = log;
        var byName = new Dictionary<string, VrrpInstanceConfig>(StringComparer.Ordinal);
        var generic = new List<string>();
        foreach (var i in config.Instances)
        {
            byName[i.Protocol.Name] = i;
            if (i.Notify.Notify is { } n && !generic.Contains(n)) generic.Add(n);
        }
        _instances = byName.ToFrozenDictionary(StringComparer.Ordinal);
        var groups = new Dictionary<string, SyncGroupConfig>(StringComparer.Ordinal);
        foreach (var sg in config.SyncGroups) groups.TryAdd(sg.Name, sg);
        _groups = groups.ToFrozenDictionary(StringComparer.Ordinal);
        _channelScripts = [.. generic];
        var g = config.Global;
        _routerId = g.RouterId ?? Environment.MachineName;
        if (g.NotifyFifo is { } path) _fifo = new NotifyFifo(path);
        if (g.SmtpServer is { } server && !g.NotificationEmails.IsDefaultOrEmpty)
            _smtp = new SmtpSettings(server, g.SmtpPort, TimeSpan.FromSeconds(g.SmtpConnectTimeoutSeconds),
                g.NotificationEmailFrom ?? $"appliance@{_routerId}", [.. g.NotificationEmails], _routerId);
        _scripts = new ScriptRunner(scripts ?? ScriptPolicy.Resolve(g, log), log, scriptTimeout ?? TimeSpan.FromSeconds(30));
        if (_fifo is not null && !_fifo.TryOpen()) log.Warning("notify FIFO: {Error}", _fifo.LastError);
        _local = new EventWorker("notify", 256, DeliverLocal);
        if (_smtp is not null) _mail = new EventWorker("notify-mail", 64, DeliverMail);
    }

    /// <summary>Events dropped because a queue was full.</summary>
    public long Overflows => _local.Overflows + (_mail?.Overflows ?? 0);

    /// <summary>Scripts refused by enable_script_security.</summary>
    public long ScriptsRefused => _scripts.Policy.Refused;

    /// <summary>FIFO lines dropped because nobody read the FIFO.</summary>
    public long FifoDrops => _fifo?.Dropped ?? 0;

    /// <inheritdoc />
    public void Publish(in ApplianceEvent e)
    {
        _local.Enqueue(e);
        if (_mail is not null && WantsMail(e)) _mail.Enqueue(e);
    }

    /// <summary>Waits for both queues to empty (tests and shutdown).</summary>
    public bool Drain(TimeSpan timeout) => _local.Drain(timeout) && (_mail?.Drain(timeout) ?? true);

    // keepalived mails state changes of instances with smtp_alert; the split-brain alerts are
    // what the mail exists for, so they go whenever a relay and recipients are configured.
    private bool WantsMail(in ApplianceEvent e) => e.Kind switch
    {
        EventKind.StateChanged => _instances.TryGetValue(e.Instance, out var i) && i.SmtpAlert,
        EventKind.GroupStateChanged => _groups.TryGetValue(e.Instance, out var g) && g.SmtpAlert,
        EventKind.MasterRxLowerPriority => false,
        _ => true,
    };

    private void DeliverLocal(ApplianceEvent e)
    {
        string[] words = NotifyLine.Words(e);
        if (_fifo is not null && !_fifo.TryWrite(Encoding.UTF8.GetBytes(NotifyLine.Format(e))))
            _log.Warning("notify FIFO: line dropped ({Error})", _fifo.LastError ?? "pipe full");
        if (NotifyLine.IsChannelEvent(e.Kind))
        {
            foreach (var s in _channelScripts) _scripts.Run(s, words, "notify (heartbeat channel event)");
            return;
        }
        if (e.Kind == EventKind.GroupStateChanged)
        {
            // keepalived send_group_notifies: the state's own script, then the generic one with
            // GROUP NAME STATE 0.
            if (!_groups.TryGetValue(e.Instance, out var group)) return;
            if (OwnScript(group.Notify, e.To) is { } own) _scripts.Run(own, [], $"vrrp_sync_group {e.Instance} notify_{NotifyLine.StateWord(e.To).ToLowerInvariant()}");
            if (group.Notify.Notify is { } notify) _scripts.Run(notify, words, $"vrrp_sync_group {e.Instance} notify");
            return;
        }
        if (!_instances.TryGetValue(e.Instance, out var cfg)) return;
        if (e.Kind == EventKind.MasterRxLowerPriority)
        {
            // keepalived's send_event_notify: the script as written (no arguments added), never the
            // generic notify script.
            if (cfg.Notify.MasterRxLowerPriority is { } rx) _scripts.Run(rx, [], $"{cfg.Location}: vrrp_instance {e.Instance} notify_master_rx_lower_pri");
            return;
        }
        if (e.Kind == EventKind.StateChanged)
        {
            // keepalived runs the state's own script (no arguments added) and then the generic one.
            (string? own, string keyword) = e.To switch
            {
                VrrpState.Master => (cfg.Notify.Master, "notify_master"),
                VrrpState.Backup => (cfg.Notify.Backup, "notify_backup"),
                VrrpState.Fault => (cfg.Notify.Fault, "notify_fault"),
                _ => (cfg.Notify.Stop, "notify_stop"),
            };
            if (own is not null) _scripts.Run(own, [], $"{cfg.Location}: vrrp_instance {e.Instance} {keyword}");
        }
        if (cfg.Notify.Notify is { } generic) _scripts.Run(generic, words, $"{cfg.Location}: vrrp_instance {e.Instance} notify");
    }

    private static string? OwnScript(NotifyConfig n, VrrpState to) => to switch
    {
        VrrpState.Master => n.Master,
        VrrpState.Backup => n.Backup,
        VrrpState.Fault => n.Fault,
        _ => n.Stop,
    };

    private void DeliverMail(ApplianceEvent e)
    {
        var words = NotifyLine.Words(e);
        string subject = e.Kind switch
        {
            EventKind.StateChanged => $"[{_routerId}] VRRP Instance {e.Instance} - Entering {words[2]} state",
            EventKind.GroupStateChanged => $"[{_routerId}] VRRP Group {e.Instance} - Entering {words[2]} state",
            _ => $"[{_routerId}] {words[0]} {words[1]}",
        };
        string body = $"{NotifyLine.Format(e).TrimEnd()}\n\n{Explain(e)}\n";
        if (SmtpMailer.Send(_smtp!, subject, body, DateTimeOffset.Now) is { } error)
            _log.Warning("SMTP alert '{Subject}' not sent: {Error}", subject, error);
    }

    private static string Explain(in ApplianceEvent e) => e.Kind switch
    {
        EventKind.StateChanged => $"=> VRRP instance {e.Instance} is now {NotifyLine.StateWord(e.To)} <=",
        EventKind.GroupStateChanged => $"=> All VRRP group instances are now in {NotifyLine.StateWord(e.To)} state <=",
        EventKind.LanFault => $"=> {e.Instance}: the master (node {e.PeerId}) is silent on the LAN but still heard on {e.Channel}; takeover withheld <=",
        EventKind.SplitBrainSuspected => $"=> {e.Instance}: two masters seen on {e.Channel} (peer node {e.PeerId}); the RFC tie-break decides <=",
        EventKind.Fenced => $"=> {e.Instance}: fence command run against node {e.PeerId} <=",
        EventKind.ChannelDown => $"=> heartbeat channel {e.Channel} lost node {e.PeerId} <=",
        EventKind.ChannelUp => $"=> heartbeat channel {e.Channel} hears node {e.PeerId} again <=",
        _ => $"=> {e.Kind} <=",
    };

    public void Dispose()
    {
        Drain(TimeSpan.FromSeconds(5));
        _local.Dispose();
        _mail?.Dispose();
        _fifo?.Dispose();
    }
}
