using System.Text.Unicode;
using Appliance.Platform.Linux.Files;
using Appliance.Vrrp;
using Appliance.Host;
using Appliance.Host.SplitBrain;

namespace Appliance.Daemon;

/// <summary>
/// The status file: one line per fact, <c>key value</c> pairs, rewritten atomically every few
/// seconds and on SIGUSR1. It carries the GC collection counts and allocated bytes so a soak can
/// prove the steady state allocates nothing; so it must not allocate itself: UTF-8 formatting
/// into a preallocated buffer and raw libc writes.
/// </summary>
internal sealed partial class StatusWriter
{
    private readonly string _path;
    private readonly string _temporary;
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private bool _overflow;

    public StatusWriter(string path)
    {
        _path = path;
        _temporary = path + ".tmp";
    }

    public string Path => _path;

    public long Writes { get; private set; }

    public void Write(Daemon d, MonoTime now)
    {
        while (true)
        {
            _length = 0;
            _overflow = false;
            Fill(d, now);
            if (!_overflow) break;
            // Grows only if the configuration has more instances than the buffer was sized for.
            _buffer = new byte[_buffer.Length * 2];
        }
        if (AtomicFile.Write(_path, _temporary, _buffer.AsSpan(0, _length)).Value == 0) Writes++;
    }

    private void Fill(Daemon d, MonoTime now)
    {
        Put(Utf8.TryWrite(Rest, $"pid {Environment.ProcessId}\n", out int w1), w1);
        Put(Utf8.TryWrite(Rest, $"uptime_ms {now.NanosecondsSince(d.StartedAt) / 1_000_000}\n", out int w2), w2);
        Put(Utf8.TryWrite(Rest, $"loop_turns {d.LoopTurns}\n", out int w3), w3);
        Put(Utf8.TryWrite(Rest, $"gc_gen0 {GC.CollectionCount(0)}\n", out int w4), w4);
        Put(Utf8.TryWrite(Rest, $"gc_gen1 {GC.CollectionCount(1)}\n", out int w5), w5);
        Put(Utf8.TryWrite(Rest, $"gc_gen2 {GC.CollectionCount(2)}\n", out int w6), w6);
        Put(Utf8.TryWrite(Rest, $"allocated_bytes {GC.GetTotalAllocatedBytes(false)}\n", out int w7), w7);
        Put(Utf8.TryWrite(Rest, $"status_writes {Writes}\n", out int w8), w8);
        Put(Utf8.TryWrite(Rest, $"maintenance {(d.Maintenance ? 1 : 0)}\n", out int wm), wm);
        Put(Utf8.TryWrite(Rest, $"loop_sources {d.Loop.SourceCount}\nreloads_applied {d.Reloader.Applied}\nreloads_refused {d.Reloader.Refused}\n", out int l1), l1);
        Put(Utf8.TryWrite(Rest, $"droplog_slots {d.DropLog.SlotsInUse}\nratelimiter_keys {d.DropLog.LimiterKeys}\nlink_states {d.LinkStates.Known}\n", out int l2), l2);
        if (d.Board is { } board) FillBoard(board, now);
        foreach (var h in d.Hosts)
        {
            var i = h.Instance;
            var s = i.Settings;
            Put(Utf8.TryWrite(Rest, $"instance {s.Name} vrid {s.Vrid} family {(s.Family == IpFamily.IPv4 ? "IPv4" : "IPv6")} interface {h.Link.Name} state {StateNames.Of(i.State)} priority {i.EffectivePriority} ", out int w9), w9);
            var t = d.Tracking.Find(h);
            Put(Utf8.TryWrite(Rest, $"base_priority {s.Priority} effective_priority {i.EffectivePriority} moved_by {t?.MovedBy ?? "-"} ", out int wt), wt);
            Put(Utf8.TryWrite(Rest, $"adverts_sent {i.AdvertsSent} adverts_accepted {i.AdvertsAccepted} became_master {i.BecameMaster} priority_zero_received {i.PriorityZeroReceived} send_errors {h.SendErrors} vip_errors {h.VipErrors} vips_missing {h.VipsMissing} vip_retries {h.VipRetries} announce_frames {h.Announcer.FramesSent}\n", out int w10), w10);
            var drops = i.DropCounts;
            for (int r = 1; r < drops.Length; r++)
                if (drops[r] != 0) Put(Utf8.TryWrite(Rest, $"drop instance {s.Name} {StateNames.Of((Vrrp.Wire.DropReason)r)} {drops[r]}\n", out int w11), w11);
            if (FindSource(d, h) is { } src)
                Put(Utf8.TryWrite(Rest, $"timing instance {s.Name} late_deadlines {src.LateDeadlines} max_lateness_us {src.MaxLatenessUs}\n", out int t1), t1);
        }
        var pending = d.Pending;
        for (int p = 0; p < pending.Count; p++)
        {
            var c = pending[p];
            // Waiting for its interface: FAULT, as keepalived reports it, with the same fields.
            Put(Utf8.TryWrite(Rest, $"instance {c.Protocol.Name} vrid {c.Protocol.Vrid} family {(c.Protocol.Family == IpFamily.IPv4 ? "IPv4" : "IPv6")} interface {c.Interface} state FAULT priority {c.Protocol.Priority} ", out int p1), p1);
            Put(Utf8.TryWrite(Rest, $"adverts_sent 0 adverts_accepted 0 became_master 0 send_errors 0 vip_errors 0 announce_frames 0 waiting_for_interface 1\n", out int p2), p2);
        }
        foreach (var l in d.Links)
        {
            Put(Utf8.TryWrite(Rest, $"link {l.Name} family {(l.Socket.Family == IpFamily.IPv4 ? "IPv4" : "IPv6")} received {l.Received} receive_errors {l.ReceiveErrors} budget_exhausted {l.BudgetExhausted}\n", out int w13), w13);
            var drops = l.Drops;
            for (int r = 1; r < drops.Length; r++)
                if (drops[r] != 0) Put(Utf8.TryWrite(Rest, $"drop link {l.Name} {StateNames.Of((Vrrp.Wire.DropReason)r)} {drops[r]}\n", out int w14), w14);
        }
        if (d.Heartbeat is { } hb) FillHeartbeat(hb);
    }

    private static Loop.InstanceHostSource? FindSource(Daemon d, InstanceHost h)
    {
        var sources = d.HostSources;
        for (int i = 0; i < sources.Count; i++)
            if (ReferenceEquals(sources[i].Host, h)) return sources[i];
        return null;
    }

    // Watchdog pets against what the elapsed time asks for: the flood test reads these.
    private void FillBoard(BoardRuntime b, MonoTime now)
    {
        if (b.Watchdog is not { } w) return;
        long intervalMs = (long)w.PetInterval.TotalMilliseconds;
        Put(Utf8.TryWrite(Rest, $"watchdog pets {w.Pets} withheld {w.WithheldPets} failed {w.FailedPets} late {b.LatePets} pet_interval_ms {intervalMs} max_pet_lateness_us {b.MaxPetLatenessUs}\n", out int b1), b1);
    }

    private Span<byte> Rest => _buffer.AsSpan(_length);

    private void Put(bool ok, int written)
    {
        if (ok) _length += written;
        else _overflow = true;
    }
}
