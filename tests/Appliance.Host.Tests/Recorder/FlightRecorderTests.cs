using Appliance.Host.Recorder;
using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Tracking;

namespace Appliance.Host.Tests.Recorder;

/// <summary>The flight recorder's ring file: bounded, wraps, skips torn records, survives a reopen.</summary>
public sealed class FlightRecorderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flight-").FullName;
    private long _clock = 1_800_000_000_000;

    private string PathOf(string name = "r.flight") => Path.Combine(_dir, name);

    private FlightRecorder Open(string? path = null) => FlightRecorder.Open(path ?? PathOf(), () => _clock++);

    private static FlightRecord Transition(string instance, VrrpState from, VrrpState to, byte peerPriority = 150) => new()
    {
        Kind = RecordKind.Transition, From = from, To = to, Reason = StateChangeReason.HigherPriorityAdvert,
        Priority = 100, BasePriority = 100, Peer = IpAddr.Parse("10.0.0.2"), PeerPriority = peerPriority,
        SilenceMs = FlightRecord.NoSilence, Vrid = 51, Instance = instance,
    };

    [Fact]
    public void A_record_round_trips_with_every_field()
    {
        var r = new FlightRecord
        {
            Sequence = 7, UnixMilliseconds = 1_800_000_000_123, Kind = RecordKind.Transition, From = VrrpState.Backup, To = VrrpState.Fault,
            Reason = StateChangeReason.InterfaceDown, Cause = RecordCause.Tracker, Priority = 90, BasePriority = 100, PreviousPriority = 100,
            PeerPriority = 3, Peer = IpAddr.Parse("fe80::1"), SilenceMs = 3610, Value = -10, Vrid = 9,
            TrackerKind = TrackerKind.Script, TrackerStatus = TrackerStatus.Down, Instance = "VI_é", Detail = "chk_nginx",
        };
        var bytes = new byte[FlightRecord.Size];
        r.Encode(bytes);
        Assert.True(FlightRecord.TryDecode(bytes, out var back));
        Assert.Equal(r.Instance, back.Instance);
        Assert.Equal(r.Detail, back.Detail);
        Assert.Equal((r.Sequence, r.UnixMilliseconds, r.Kind, r.From, r.To, r.Reason, r.Cause, r.Priority, r.BasePriority, r.PreviousPriority),
            (back.Sequence, back.UnixMilliseconds, back.Kind, back.From, back.To, back.Reason, back.Cause, back.Priority, back.BasePriority, back.PreviousPriority));
        Assert.Equal((r.PeerPriority, r.Peer, r.SilenceMs, r.Value, r.Vrid, r.TrackerKind, r.TrackerStatus),
            (back.PeerPriority, back.Peer, back.SilenceMs, back.Value, back.Vrid, back.TrackerKind, back.TrackerStatus));
    }

    [Fact]
    public void A_long_name_is_cut_on_a_character_boundary()
    {
        var r = Transition(new string('é', 40), VrrpState.Master, VrrpState.Backup);
        r.Sequence = 1;
        var bytes = new byte[FlightRecord.Size];
        r.Encode(bytes);
        Assert.True(FlightRecord.TryDecode(bytes, out var back));
        Assert.Equal(new string('é', 16), back.Instance);
    }

    [Fact]
    public void The_ring_wraps_and_keeps_the_newest_records_of_each_instance_in_order()
    {
        using (var rec = Open())
        {
            for (int i = 0; i < 100; i++)
            {
                var r = Transition("VI_1", VrrpState.Master, VrrpState.Backup, peerPriority: (byte)(i + 1));
                rec.Record(ref r);
            }
            var other = Transition("VI_2", VrrpState.Backup, VrrpState.Master);
            rec.Record(ref other);
        }
        var read = FlightRecorderReader.Read(PathOf())!;
        var vi1 = read.Records.Where(r => r.Instance == "VI_1").ToList();
        Assert.Equal(FlightRecorder.SlotsPerInstance, vi1.Count);
        Assert.Equal(Enumerable.Range(69, 32).Reverse().Select(i => (byte)i), vi1.Select(r => r.PeerPriority));
        Assert.Equal(Enumerable.Range(69, 32).Reverse().Select(i => (ulong)i), vi1.Select(r => r.Sequence));
        Assert.Single(read.Records, r => r.Instance == "VI_2");
        Assert.Equal(0, read.Skipped);
    }

    [Fact]
    public void The_file_has_a_fixed_size_however_much_is_recorded()
    {
        using (var rec = Open())
            for (int n = 0; n < 200; n++)
            {
                var r = Transition($"VI_{n % 80}", VrrpState.Master, VrrpState.Backup);
                rec.Record(ref r);
            }
        Assert.Equal(FlightRecorder.FileSize, new FileInfo(PathOf()).Length);
        Assert.Equal(262_208, FlightRecorder.FileSize);
    }

    [Fact]
    public void A_torn_record_is_skipped_and_counted_and_the_others_survive()
    {
        using (var rec = Open())
            for (int i = 0; i < 5; i++)
            {
                var r = Transition("VI_1", VrrpState.Master, VrrpState.Backup, peerPriority: (byte)(i + 1));
                rec.Record(ref r);
            }
        // A crash mid-pwrite: the last record's second half never reached the file.
        using (var f = new FileStream(PathOf(), FileMode.Open, FileAccess.Write))
        {
            f.Position = FlightRecorder.OffsetOf(0, 4) + 64;
            f.Write(new byte[64]);
        }
        var read = FlightRecorderReader.Read(PathOf())!;
        Assert.Equal([4, 3, 2, 1], read.Records.Select(r => (int)r.PeerPriority));
        Assert.Equal(1, read.Skipped);

        // The writer reopened after the crash writes the next record where the torn one was.
        using (var rec = Open())
        {
            var r = Transition("VI_1", VrrpState.Backup, VrrpState.Master, peerPriority: 99);
            rec.Record(ref r);
        }
        read = FlightRecorderReader.Read(PathOf())!;
        Assert.Equal([99, 4, 3, 2, 1], read.Records.Select(r => (int)r.PeerPriority));
        Assert.Equal(0, read.Skipped);
    }

    [Fact]
    public void Records_survive_a_reopen_and_the_instance_keeps_its_ring()
    {
        using (var rec = Open())
        {
            var a = Transition("VI_1", VrrpState.Backup, VrrpState.Master);
            var b = Transition("VI_2", VrrpState.Backup, VrrpState.Master);
            rec.Record(ref a);
            rec.Record(ref b);
        }
        using (var rec = Open())
        {
            var b = Transition("VI_2", VrrpState.Master, VrrpState.Backup);
            rec.Record(ref b);
        }
        var read = FlightRecorderReader.Read(PathOf())!;
        Assert.Equal([2ul, 1ul], read.Records.Where(r => r.Instance == "VI_2").Select(r => r.Sequence));
        Assert.Single(read.Records, r => r.Instance == "VI_1");
    }

    [Fact]
    public void A_ring_of_an_instance_no_longer_running_is_reused_when_the_file_is_full()
    {
        using (var rec = Open())
            for (int n = 0; n < FlightRecorder.Regions; n++)
            {
                var r = Transition($"OLD_{n}", VrrpState.Backup, VrrpState.Master);
                rec.Record(ref r);
            }
        using (var rec = Open())
        {
            var r = Transition("NEW", VrrpState.Backup, VrrpState.Master);
            rec.Record(ref r);
            Assert.Equal(0, rec.Unrecorded);
        }
        var read = FlightRecorderReader.Read(PathOf())!;
        Assert.Single(read.Records, r => r.Instance == "NEW");
        // The least recently active one made room.
        Assert.DoesNotContain(read.Records, r => r.Instance == "OLD_0");
        Assert.Equal(FlightRecorder.Regions, read.Records.Count);
    }

    [Fact]
    public void A_foreign_file_is_started_afresh_and_a_symlink_is_refused()
    {
        File.WriteAllText(PathOf(), "not a recorder");
        using (var rec = Open()) { }
        Assert.Empty(FlightRecorderReader.Read(PathOf())!.Records);

        File.CreateSymbolicLink(PathOf("link.flight"), PathOf("target.flight"));
        Assert.Throws<PlatformException>(() => Open(PathOf("link.flight")));
        Assert.False(File.Exists(PathOf("target.flight")));
    }

    [Fact]
    public void A_missing_file_reads_as_null()
    {
        Assert.Null(FlightRecorderReader.Read(PathOf("none.flight")));
    }

    [Fact]
    public void Recording_allocates_nothing_after_warm_up()
    {
        using var rec = Open();
        var r = Transition("VI_1", VrrpState.Master, VrrpState.Backup);
        rec.Record(ref r);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) rec.Record(ref r);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_cause_names_the_peer_the_priority_and_the_silence()
    {
        var r = new FlightRecord
        {
            Kind = RecordKind.Transition, From = VrrpState.Backup, To = VrrpState.Master, Reason = StateChangeReason.MasterDown,
            Priority = 100, Peer = IpAddr.Parse("10.0.0.2"), PeerPriority = 150, SilenceMs = 3609, Instance = "VI_1",
            UnixMilliseconds = 1_800_000_000_000,
        };
        Assert.Equal("2027-01-15T08:00:00.000Z VI_1 BACKUP->MASTER Master_Down_Interval expired: no advert from 10.0.0.2 (priority 150) for 3.61 s (our priority 100)",
            CauseText.Line(r));
        r.PeerPriority = 0;
        Assert.StartsWith("priority 0 from 10.0.0.2", CauseText.Cause(r));
        var t = Transition("VI_1", VrrpState.Master, VrrpState.Backup);
        Assert.Equal("higher priority 150 from 10.0.0.2 (ours 100)", CauseText.Cause(t));
        var p = new FlightRecord
        {
            Kind = RecordKind.PriorityChange, PreviousPriority = 150, Priority = 50, Cause = RecordCause.Tracker, Detail = "chk_fail",
            Value = -100, TrackerKind = TrackerKind.Script, TrackerStatus = TrackerStatus.Down, Instance = "VI_1",
        };
        Assert.Equal("150 -> 50: vrrp_script chk_fail failed (weight -100)", CauseText.Cause(p));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
