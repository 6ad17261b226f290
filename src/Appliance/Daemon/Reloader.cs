using Appliance.Config;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Serilog;

namespace Appliance.Daemon;

/// <summary>
/// SIGHUP as a transaction. Parse, bind and validate the file again (an invalid file changes
/// nothing); then PREPARE everything the new configuration needs (VMACs, sockets, hosts, a new
/// notify dispatcher) without touching a running instance; only when all of it succeeded, APPLY:
/// stop removed and changed instances, start new ones, swap the sinks and the configuration. A
/// failed preparation is undone (its VMACs deleted, its sockets closed) and logged with the file,
/// line and reason. Unchanged instances are never touched: no flap, no GARP.
/// </summary>
internal sealed class Reloader(Daemon daemon, Func<ConfigLoadResult>? load, ILogger log)
{
    // What the running notify dispatcher was built from (global_defs is kept across reloads in
    // the running config, so the dispatcher's own inputs are remembered here).
    private string? _notifyKey;

    /// <summary>Reloads that were applied.</summary>
    public long Applied { get; private set; }

    /// <summary>Reloads refused (invalid file or failed preparation).</summary>
    public long Refused { get; private set; }

    /// <summary>Reloads (SIGHUP, or the control socket's <c>reload</c>, named by <paramref name="trigger"/>)
    /// and says what happened: applied, or refused with the located errors.</summary>
    public ReloadOutcome Reload(MonoTime now, string trigger = "SIGHUP")
    {
        log.Information("{Trigger}: reloading the configuration", trigger);
        var result = load?.Invoke();
        if (result is null)
        {
            Refused++;
            log.Error("reload: this daemon has no configuration file to reload");
            return ReloadOutcome.No("this daemon has no configuration file to reload");
        }
        var errors = new List<string>();
        foreach (var d in result.Diagnostics)
        {
            log.Warning("{Diagnostic}", d.ToString());
            if (d.Severity == DiagnosticSeverity.Error) errors.Add(d.ToString());
        }
        var next = result.HasErrors ? null : result.Config;
        if (next is null)
        {
            Refused++;
            log.Error("reload: the configuration has errors; keeping the running one");
            return new ReloadOutcome(false, "the configuration has errors; the running one is kept", errors);
        }
        var current = daemon.Config;

        // Plan: which running instances stay untouched, which leave (removed or changed).
        var wanted = new Dictionary<string, VrrpInstanceConfig>(StringComparer.Ordinal);
        foreach (var c in next.Instances) wanted[c.Protocol.Name] = c;
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var tx = new Preparation();
        foreach (var h in daemon.Hosts)
        {
            if (wanted.TryGetValue(h.Instance.Settings.Name, out var c) && ConfigFingerprint.Same(c, h.Config)) kept.Add(h.Instance.Settings.Name);
            else tx.Leaving.Add(h);
        }
        var stillWaiting = new List<VrrpInstanceConfig>();
        foreach (var p in daemon.Pending)
        {
            if (!wanted.TryGetValue(p.Protocol.Name, out var c) || !ConfigFingerprint.Same(c, p)) continue;
            kept.Add(p.Protocol.Name);
            stillWaiting.Add(c);
        }

        // Prepare. Any exception, of any type, undoes the preparation and changes nothing.
        IEventSink? notify = null;
        _notifyKey ??= DaemonComposition.NotifyKey(current);
        string notifyKey = DaemonComposition.NotifyKey(next);
        bool notifyChanged = notifyKey != _notifyKey;
        VrrpInstanceConfig? preparing = null;
        try
        {
            var links = daemon.Provisioner.Links.Dump();
            var addresses = daemon.Provisioner.Addresses.Dump();
            foreach (var c in next.Instances)
            {
                if (kept.Contains(c.Protocol.Name)) continue;
                preparing = c;
                daemon.PrepareOrWait(c, current.Global, links, addresses, tx);
            }
            preparing = null;
            if (notifyChanged) notify = DaemonComposition.Notify(next, log);
        }
        catch (Exception e)
        {
            daemon.Provisioner.Undo(tx);
            (notify as IDisposable)?.Dispose();
            Refused++;
            string where = preparing is { } p ? $"{p.Location}: instance {p.Protocol.Name}: " : "";
            string message = preparing is { } q && e.Message.StartsWith(q.Location.ToString(), StringComparison.Ordinal) ? e.Message : where + e.Message;
            log.Error("reload refused, nothing changed: {Message}", message);
            return ReloadOutcome.No("reload refused, nothing changed: " + message);
        }

        // Apply. Nothing below can fail for a reason the preparation did not already check.
        foreach (var h in tx.Leaving) daemon.Remove(h, now, keepVmac: tx.AdoptedVmacs.Contains(h.VmacIndex));
        daemon.LinkStates.Seed(daemon.Provisioner.Links.Dump());
        daemon.Adopt(tx, now, startNow: daemon.InstancesStarted, next);
        daemon.CloseUnusedLinks();
        daemon.ApplyAcceptMode();
        stillWaiting.AddRange(tx.Pending);
        daemon.ReplacePending(stillWaiting, now);
        if (notifyChanged)
        {
            Retire(daemon.Sinks.ReplaceNotify(notify));
            _notifyKey = notifyKey;
        }
        daemon.RebindHeartbeat(now);
        WarnAboutRestartOnly(current, next);
        daemon.Config = next with { Global = current.Global, Heartbeat = current.Heartbeat, Board = current.Board };
        Applied++;
        log.Information("reload done: {Kept} instance(s) unchanged, {Removed} stopped, {Added} started", kept.Count, tx.Leaving.Count, tx.Hosts.Count + tx.Pending.Count);
        return new ReloadOutcome(true, $"reload applied: {kept.Count} instance(s) unchanged, {tx.Leaving.Count} stopped, {tx.Hosts.Count + tx.Pending.Count} started", []);
    }

    // What cannot be applied to a running daemon is said, with where it was written, never dropped
    // silently: heartbeat channels and board I/O hold devices and descriptors from start-up.
    private void WarnAboutRestartOnly(ApplianceConfig current, ApplianceConfig next)
    {
        if (!ConfigFingerprint.Same(next.Global, current.Global))
            log.Warning("reload: global_defs changed; notify, FIFO and mail settings are applied now, the rest (multicast groups, GARP defaults, vrrp_startup_delay...) at the next restart");
        if (!ConfigFingerprint.Same(next.Heartbeat, current.Heartbeat))
            log.Warning("{Location}: reload: the heartbeat settings changed; they take effect only after a restart of the daemon", Where(next.HeartbeatLocation, current.HeartbeatLocation));
        if (!ConfigFingerprint.Same(next.Board, current.Board))
            log.Warning("{Location}: reload: the board settings (LEDs, watchdog) changed; they take effect only after a restart of the daemon", Where(next.BoardLocation, current.BoardLocation));
    }

    private static string Where(SourceLocation a, SourceLocation b) => (a.File ?? b.File) is null ? "(configuration)" : (a.File is not null ? a : b).ToString();

    // The old dispatcher drains its queue (up to its own timeout) off the loop thread, so a slow
    // script cannot hold the loop, and the watchdog, during a reload.
    private static void Retire(IEventSink? old)
    {
        if (old is not IDisposable d) return;
        var t = new Thread(static o => ((IDisposable)o!).Dispose()) { IsBackground = true, Name = "notify-retire" };
        t.Start(d);
    }
}

/// <summary>What a reload did: <paramref name="Applied"/>, a one-line <paramref name="Summary"/>, and
/// when refused the located errors (file:line:col) that made it so.</summary>
internal sealed record ReloadOutcome(bool Applied, string Summary, IReadOnlyList<string> Errors)
{
    /// <summary>A refusal with one reason.</summary>
    public static ReloadOutcome No(string why) => new(false, why, [why]);
}
