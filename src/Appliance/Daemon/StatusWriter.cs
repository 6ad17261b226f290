using System.Text.Unicode;
using Appliance.Platform.Linux.Files;
using Appliance.Vrrp;

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
        foreach (var h in d.Hosts)
        {
            var i = h.Instance;
            var s = i.Settings;
            Put(Utf8.TryWrite(Rest, $"instance {s.Name} vrid {s.Vrid} family {(s.Family == IpFamily.IPv4 ? "IPv4" : "IPv6")} interface {h.Link.Name} state {StateNames.Of(i.State)} priority {i.EffectivePriority} ", out int w9), w9);
            var t = d.Tracking.Find(h);
            Put(Utf8.TryWrite(Rest, $"base_priority {s.Priority} effective_priority {i.EffectivePriority} moved_by {t?.MovedBy ?? "-"} ", out int wt), wt);
            Put(Utf8.TryWrite(Rest, $"adverts_sent {i.AdvertsSent} adverts_accepted {i.AdvertsAccepted} became_master {i.BecameMaster} send_errors {h.SendErrors} vip_errors {h.VipErrors} announce_frames {h.Announcer.FramesSent}\n", out int w10), w10);
            var drops = i.DropCounts;
            for (int r = 1; r < drops.Length; r++)
                if (drops[r] != 0) Put(Utf8.TryWrite(Rest, $"drop instance {s.Name} {StateNames.Of((Vrrp.Wire.DropReason)r)} {drops[r]}\n", out int w11), w11);
            if (h.UnknownPeerDrops != 0) Put(Utf8.TryWrite(Rest, $"drop instance {s.Name} UnknownPeer {h.UnknownPeerDrops}\n", out int w12), w12);
        }
        foreach (var l in d.Links)
        {
            Put(Utf8.TryWrite(Rest, $"link {l.Name} family {(l.Socket.Family == IpFamily.IPv4 ? "IPv4" : "IPv6")} received {l.Received} receive_errors {l.ReceiveErrors}\n", out int w13), w13);
            var drops = l.Drops;
            for (int r = 1; r < drops.Length; r++)
                if (drops[r] != 0) Put(Utf8.TryWrite(Rest, $"drop link {l.Name} {StateNames.Of((Vrrp.Wire.DropReason)r)} {drops[r]}\n", out int w14), w14);
        }
        if (d.Heartbeat is { } hb) FillHeartbeat(hb);
    }

    private Span<byte> Rest => _buffer.AsSpan(_length);

    private void Put(bool ok, int written)
    {
        if (ok) _length += written;
        else _overflow = true;
    }
}
