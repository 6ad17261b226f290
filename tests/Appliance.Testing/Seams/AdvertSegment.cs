using System.Buffers.Binary;
using Appliance.Vrrp;
using Appliance.Vrrp.Timing;
using Appliance.Vrrp.Wire;

namespace Appliance.Testing.Seams;

/// <summary>
/// A simulated LAN segment that carries adverts between <see cref="InMemoryAdvertSocket"/>s the way
/// raw VRRP sockets would see them: multicast to every other member of the family, unicast to the
/// member owning the destination, IPv4 with its IP header (TTL as sent), IPv6 with the hop limit
/// beside the message. The wire can lose, delay and jitter per directed link and be partitioned.
/// <para>
/// With <see cref="Immediate"/> (the default) a datagram lands in the receiver's queue during
/// <c>Send</c>: enough for contract tests. A simulation turns it off, reads <see cref="NextDelivery"/>
/// and moves time itself through <see cref="DeliverNext"/>. Randomness comes from the seed alone.
/// </para>
/// </summary>
public sealed class AdvertSegment
{
    private readonly Random _random;
    private readonly List<InMemoryAdvertSocket> _members = [];
    private readonly List<int> _group = [];
    private readonly Dictionary<(int From, int To), double> _linkLoss = [];
    private readonly PriorityQueue<Delivery, (long At, long Seq)> _inFlight = new();
    private long _seq;

    private readonly record struct Delivery(int From, int To, InMemoryAdvertSocket.Datagram Datagram);

    /// <summary>Creates a segment whose randomness comes from <paramref name="seed"/> alone.</summary>
    public AdvertSegment(int seed = 0) => _random = new Random(seed);

    /// <summary>Deliver during Send (true) or only through <see cref="DeliverNext"/> (false).</summary>
    public bool Immediate { get; init; } = true;

    /// <summary>The segment's clock, set by whoever drives it (the simulation).</summary>
    public MonoTime Now { get; set; } = MonoTime.Zero;

    /// <summary>Fixed part of every delivery delay.</summary>
    public Duration Delay { get; set; } = new(100_000);

    /// <summary>Uniformly random extra delay in [0, Jitter] per delivery.</summary>
    public Duration Jitter { get; set; }

    /// <summary>Loss probability on every link without its own setting.</summary>
    public double Loss { get; set; }

    /// <summary>Copies put on the wire (one per receiver).</summary>
    public long Sent { get; private set; }

    /// <summary>Copies lost to loss or partitions.</summary>
    public long Lost { get; private set; }

    /// <summary>The attached sockets, in attach order (their member numbers).</summary>
    public IReadOnlyList<InMemoryAdvertSocket> Members => _members;

    /// <summary>When the earliest datagram in flight arrives; <see cref="MonoTime.Never"/> when none is.</summary>
    public MonoTime NextDelivery => _inFlight.TryPeek(out _, out var key) ? new MonoTime(key.At) : MonoTime.Never;

    /// <summary>Attaches a socket for <paramref name="address"/> (its unicast address) on interface <paramref name="interfaceIndex"/>.</summary>
    public InMemoryAdvertSocket Attach(IpFamily family, IpAddr address, int interfaceIndex = 2, string interfaceName = "sim0")
    {
        var s = new InMemoryAdvertSocket(this, _members.Count, family, address, interfaceIndex, interfaceName);
        _members.Add(s);
        _group.Add(0);
        return s;
    }

    /// <summary>Loss probability on the directed link between members <paramref name="from"/> and <paramref name="to"/>.</summary>
    public void SetLoss(int from, int to, double probability) => _linkLoss[(from, to)] = probability;

    /// <summary>Splits the segment: members talk only to members with the same group number.</summary>
    public void Partition(IReadOnlyList<int> groupOfMember)
    {
        for (int i = 0; i < _group.Count; i++) _group[i] = i < groupOfMember.Count ? groupOfMember[i] : 0;
    }

    /// <summary>Joins every member into one segment again.</summary>
    public void Heal()
    {
        for (int i = 0; i < _group.Count; i++) _group[i] = 0;
    }

    /// <summary>True when members <paramref name="a"/> and <paramref name="b"/> are on the same side of any partition.</summary>
    public bool CanTalk(int a, int b) => _group[a] == _group[b];

    /// <summary>
    /// Moves the earliest datagram in flight into its receiver's queue and returns the receiver, or
    /// null when nothing is in flight or the datagram was cut by a partition set while it travelled.
    /// Advances nothing else: the caller sets <see cref="Now"/>.
    /// </summary>
    public InMemoryAdvertSocket? DeliverNext()
    {
        if (!_inFlight.TryDequeue(out var d, out _)) return null;
        if (!CanTalk(d.From, d.To) || _members[d.To].IsClosed)
        {
            Lost++;
            return null;
        }
        _members[d.To].Enqueue(d.Datagram);
        return _members[d.To];
    }

    internal void Transmit(InMemoryAdvertSocket from, ReadOnlySpan<byte> message, IpAddr source, IpAddr destination, byte hops)
    {
        var data = from.Family == IpFamily.IPv4 ? WithIPv4Header(message, source, destination, hops) : message.ToArray();
        var datagram = new InMemoryAdvertSocket.Datagram(data, source, destination, hops);
        foreach (var to in _members)
        {
            if (to.Member == from.Member || to.Family != from.Family || to.IsClosed) continue;
            if (!destination.IsMulticast && to.Address != destination) continue;
            Sent++;
            // Draw both numbers for every receiver so one link's settings never shift another's randomness.
            double lossDraw = _random.NextDouble();
            long jitter = Jitter.Nanoseconds > 0 ? _random.NextInt64(Jitter.Nanoseconds + 1) : 0;
            if (!CanTalk(from.Member, to.Member) || lossDraw < LossOf(from.Member, to.Member))
            {
                Lost++;
                continue;
            }
            if (Immediate)
            {
                to.Enqueue(datagram);
                continue;
            }
            var at = Now + Delay + new Duration(jitter);
            _inFlight.Enqueue(new Delivery(from.Member, to.Member, datagram), (at.Nanoseconds, _seq++));
        }
    }

    private double LossOf(int from, int to) => _linkLoss.TryGetValue((from, to), out var p) ? p : Loss;

    // What an IPv4 raw socket hands up: a 20-byte header (TOS 0xC0, protocol 112, the TTL as sent) and the message.
    private static byte[] WithIPv4Header(ReadOnlySpan<byte> message, IpAddr source, IpAddr destination, byte ttl)
    {
        var p = new byte[20 + message.Length];
        p[0] = 0x45;
        p[1] = 0xC0;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)p.Length);
        p[8] = ttl;
        p[9] = VrrpCodec.ProtocolNumber;
        source.WriteTo(p.AsSpan(12));
        destination.WriteTo(p.AsSpan(16));
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), InternetChecksum.Compute(p.AsSpan(0, 20)));
        message.CopyTo(p.AsSpan(20));
        return p;
    }
}
