using System.Buffers.Binary;
using Appliance.Platform.Linux.ProcConnector;
using Appliance.Vrrp;
using Appliance.Vrrp.Tracking;

namespace Appliance.Platform.Linux.Tests.ProcConnector;

/// <summary>
/// Decoding the connector's datagrams (nlmsghdr, cn_msg, proc_event of linux/cn_proc.h) built
/// byte by byte: the events we act on, and every kind of malformed input counted, never thrown.
/// </summary>
public class ProcEventReaderTests
{
    private const uint Fork = 1, Exec = 2, Exit = 0x80000000, Uid = 4;

    /// <summary>One netlink message carrying one proc_event with <paramref name="data"/> as event_data.</summary>
    private static byte[] Message(uint what, uint[] data, uint idx = 1, uint val = 1, uint ack = 0, int? cnLen = null, int? nlLen = null)
    {
        int eventLength = 16 + data.Length * 4;
        var m = new byte[16 + 20 + eventLength];
        BinaryPrimitives.WriteUInt32LittleEndian(m, (uint)(nlLen ?? m.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(4), 3); // NLMSG_DONE, as the kernel sends them
        var cn = m.AsSpan(16);
        BinaryPrimitives.WriteUInt32LittleEndian(cn, idx);
        BinaryPrimitives.WriteUInt32LittleEndian(cn[4..], val);
        BinaryPrimitives.WriteUInt32LittleEndian(cn[8..], 7); // seq
        BinaryPrimitives.WriteUInt32LittleEndian(cn[12..], ack);
        BinaryPrimitives.WriteUInt16LittleEndian(cn[16..], (ushort)(cnLen ?? eventLength));
        var ev = cn[20..];
        BinaryPrimitives.WriteUInt32LittleEndian(ev, what);
        BinaryPrimitives.WriteUInt32LittleEndian(ev[4..], 1); // cpu
        for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(ev[(16 + i * 4)..], data[i]);
        return m;
    }

    private static List<(ProcEvent E, ProcEventDrop Drop)> Read(byte[] datagram)
    {
        var list = new List<(ProcEvent, ProcEventDrop)>();
        var r = new ProcEventReader(datagram);
        while (r.Next(out var e, out var d)) list.Add((e, d));
        return list;
    }

    [Fact]
    public void Fork_exec_and_exit_decode_with_their_ids()
    {
        var datagram = Message(Fork, [100, 100, 200, 200]).Concat(Message(Exec, [200, 200])).Concat(Message(Exit, [200, 200, 0, 17])).ToArray();
        var events = Read(datagram);
        Assert.Equal(3, events.Count);
        Assert.All(events, x => Assert.Equal(ProcEventDrop.None, x.Drop));
        Assert.Equal(new ProcEvent(ProcEventKind.Fork, 1, 7, 200, 200, 100, 100), events[0].E);
        Assert.Equal(new ProcEvent(ProcEventKind.Exec, 1, 7, 200, 200), events[1].E);
        Assert.Equal(ProcEventKind.Exit, events[2].E.Kind);
        Assert.True(events[2].E.IsProcess);
    }

    [Fact]
    public void A_thread_is_told_apart_from_a_process()
    {
        var events = Read(Message(Fork, [100, 100, 201, 200]));
        Assert.False(events[0].E.IsProcess);
    }

    [Fact]
    public void Events_we_do_not_act_on_decode_as_other()
    {
        Assert.Equal(ProcEventKind.Other, Read(Message(Uid, [1, 1, 0, 0]))[0].E.Kind);
    }

    [Fact]
    public void The_reply_to_our_listen_request_is_no_event_and_no_drop()
    {
        var events = Read(Message(0, [0, 0], ack: 1));
        Assert.Equal((ProcEventKind.Other, ProcEventDrop.None), (events[0].E.Kind, events[0].Drop));
    }

    public static TheoryData<string, byte[], ProcEventDrop> Malformed => new()
    {
        { "netlink length beyond the datagram", Message(Exec, [1, 1], nlLen: 500), ProcEventDrop.BadNetlinkLength },
        { "netlink length below its header", Message(Exec, [1, 1], nlLen: 8), ProcEventDrop.BadNetlinkLength },
        { "a datagram shorter than a netlink header", new byte[10], ProcEventDrop.BadNetlinkLength },
        { "cn_msg.len beyond the message", Message(Exec, [1, 1], cnLen: 400), ProcEventDrop.BadConnectorLength },
        { "another connector index", Message(Exec, [1, 1], idx: 2), ProcEventDrop.NotProcEvents },
        { "a fork without its four ids", Message(Fork, [1, 1], cnLen: 24), ProcEventDrop.TruncatedEvent },
        { "an event shorter than its header", Message(Exec, [1, 1], cnLen: 8), ProcEventDrop.TruncatedEvent },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_is_reported_not_thrown(string what, byte[] datagram, ProcEventDrop expected)
    {
        var events = Read(datagram);
        Assert.True(events.Count >= 1, what);
        Assert.Equal(expected, events[0].Drop);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var rng = new Random(1234);
        for (int i = 0; i < 20_000; i++)
        {
            var b = new byte[rng.Next(0, 120)];
            rng.NextBytes(b);
            if (b.Length >= 4 && rng.Next(2) == 0) BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)b.Length);
            Read(b);
        }
    }

    [Fact]
    public void The_source_counts_malformed_messages_and_keeps_going()
    {
        var pattern = new ProcessPattern("no-such-process-name", [], ParamMatch.None, fullCommand: false);
        var changes = new List<TrackerStatus>();
        using var source = new ProcessWatchSource([(pattern, new ProcessQuorum(1, int.MaxValue, default, default))], (_, s, _) => changes.Add(s));
        var now = MonoTime.FromMilliseconds(1);
        source.Handle(Message(Exec, [1, 1], cnLen: 400), now);
        source.Handle(Message(Exec, [1, 1], idx: 9), now);
        source.Handle(Message(Exit, [424242, 424242, 0, 0]), now);
        Assert.Equal(1, source.Drops[(int)ProcEventDrop.BadConnectorLength]);
        Assert.Equal(1, source.Drops[(int)ProcEventDrop.NotProcEvents]);
        Assert.Equal(1, source.Events);
        Assert.Empty(changes);
    }
}
