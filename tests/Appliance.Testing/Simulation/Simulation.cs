using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;
using Appliance.Vrrp.Wire;

namespace Appliance.Testing.Simulation;

/// <summary>
/// N routers on one virtual multicast segment, driven by a seeded random source so a failing seed
/// replays exactly. Adverts travel as bytes through the real <see cref="VrrpCodec"/>; the wire can
/// lose, delay and jitter them per link, and partitions can be set and healed. Time only moves
/// inside <see cref="RunUntil"/>, from event to event: deliveries first, then due timers in router
/// order, so equal times are ordered deterministically too.
/// </summary>
public sealed class Simulation
{
    private readonly Random _random;
    private readonly List<SimRouter> _routers = [];
    private readonly PriorityQueue<Delivery, (long At, long Seq)> _inFlight = new();
    private readonly Dictionary<(int From, int To), double> _linkLoss = [];
    private readonly List<int> _group = [];
    private readonly byte[] _encodeBuffer = new byte[VrrpCodec.MaxMessageSize(IpFamily.IPv6)];
    private long _seq;

    private readonly record struct Delivery(int From, int To, byte[] Message);

    /// <summary>Creates an empty segment whose randomness comes from <paramref name="seed"/> alone.</summary>
    public Simulation(int seed) => _random = new Random(seed);

    /// <summary>Simulated time.</summary>
    public MonoTime Now { get; private set; } = MonoTime.Zero;

    /// <summary>The routers, by index.</summary>
    public IReadOnlyList<SimRouter> Routers => _routers;

    /// <summary>Every state change, for the properties.</summary>
    public StateTimeline Timeline { get; } = new();

    /// <summary>Fixed part of every delivery delay (default 100 µs, a switched LAN).</summary>
    public Duration Delay { get; set; } = new(100_000);

    /// <summary>Uniformly random extra delay in [0, Jitter] per delivery.</summary>
    public Duration Jitter { get; set; }

    /// <summary>Loss probability on every link without its own setting.</summary>
    public double Loss { get; set; }

    /// <summary>The most a delivery can take: <see cref="Delay"/> + <see cref="Jitter"/>.</summary>
    public Duration MaxDelay => Delay + Jitter;

    /// <summary>Adverts put on the wire, delivered, and lost (to loss, partitions or a down receiver).</summary>
    public long Sent { get; private set; }

    /// <summary>Adverts handed to a receiving instance.</summary>
    public long Delivered { get; private set; }

    /// <summary>Adverts that never arrived.</summary>
    public long Lost { get; private set; }

    /// <summary>Adds a router (down until <see cref="Start"/>).</summary>
    public SimRouter AddRouter(InstanceSettings settings, IpAddr primary)
    {
        var router = new SimRouter(_routers.Count, settings, primary);
        _routers.Add(router);
        _group.Add(0);
        return router;
    }

    /// <summary>Loss probability on the directed link <paramref name="from"/> → <paramref name="to"/>.</summary>
    public void SetLoss(int from, int to, double probability) => _linkLoss[(from, to)] = probability;

    /// <summary>Splits the segment: routers talk only to routers with the same group number.</summary>
    public void Partition(IReadOnlyList<int> groupOfRouter)
    {
        for (int i = 0; i < _group.Count; i++) _group[i] = i < groupOfRouter.Count ? groupOfRouter[i] : 0;
    }

    /// <summary>Joins every router into one segment again.</summary>
    public void Heal()
    {
        for (int i = 0; i < _group.Count; i++) _group[i] = 0;
    }

    /// <summary>Starts (or restarts after a crash) router <paramref name="index"/> at <see cref="Now"/>.</summary>
    public void Start(int index)
    {
        var r = _routers[index];
        r.Instance ??= new Instance(r.Settings, r.Primary);
        Apply(r, InstanceInput.Startup());
    }

    /// <summary>Kills router <paramref name="index"/>: no priority 0, no goodbye, state lost.</summary>
    public void Crash(int index)
    {
        var r = _routers[index];
        if (r.Instance is null) return;
        r.Instance = null;
        r.HoldsVips = false;
        Timeline.Record(Now, index, r.Settings.Vrid, VrrpState.Initialize);
    }

    /// <summary>Stops router <paramref name="index"/> gracefully (a master sends priority 0).</summary>
    public void Shutdown(int index) => Apply(_routers[index], InstanceInput.Shutdown());

    /// <summary>Feeds any other input (interface events, trackers, the arbiter) to router <paramref name="index"/>.</summary>
    public void Input(int index, InstanceInput input) => Apply(_routers[index], input);

    /// <summary>Runs for <paramref name="duration"/>.</summary>
    public void Run(Duration duration) => RunUntil(Now + duration);

    /// <summary>Processes every delivery and timer due up to and including <paramref name="until"/>.</summary>
    public void RunUntil(MonoTime until)
    {
        if (until < Now) throw new ArgumentOutOfRangeException(nameof(until), $"time only moves forward (now {Now}, asked {until})");
        while (true)
        {
            var nextDelivery = _inFlight.TryPeek(out _, out var key) ? new MonoTime(key.At) : MonoTime.Never;
            int due = -1;
            var nextTimer = MonoTime.Never;
            foreach (var r in _routers)
            {
                if (r.Instance is { } inst && inst.NextDeadline < nextTimer)
                {
                    nextTimer = inst.NextDeadline;
                    due = r.Index;
                }
            }
            var next = MonoTime.Min(nextDelivery, nextTimer);
            if (next > until) break;
            Now = next;
            if (nextDelivery <= nextTimer) Deliver(_inFlight.Dequeue());
            else Apply(_routers[due], InstanceInput.Tick());
        }
        Now = until;
    }

    private void Apply(SimRouter r, in InstanceInput input)
    {
        if (r.Instance is not { } inst) return;
        r.Actions.Clear();
        inst.Handle(input, Now, r.Actions);
        Perform(r);
    }

    private void Perform(SimRouter r)
    {
        foreach (var a in r.Actions.Items)
        {
            switch (a.Kind)
            {
                case ActionKind.SendAdvert: Send(r, a.Priority); break;
                case ActionKind.AddVips: r.HoldsVips = true; break;
                case ActionKind.RemoveVips: r.HoldsVips = false; break;
                case ActionKind.StateChanged: Timeline.Record(Now, r.Index, r.Settings.Vrid, a.To); break;
            }
        }
    }

    private void Send(SimRouter from, byte priority)
    {
        var s = from.Settings;
        var fields = new AdvertFields
        {
            Version = s.Version, Family = s.Family, Vrid = s.Vrid, Priority = priority, Interval = s.AdvertInterval,
            AuthType = s.AuthType, AuthData = s.AuthData.AsSpan(), Addresses = s.VirtualAddresses.AsSpan(),
        };
        int length = VrrpCodec.Encode(_encodeBuffer, fields, from.Primary, Group(s.Family), s.V3Ipv4SendChecksum);
        var message = _encodeBuffer.AsSpan(0, length).ToArray();
        from.AdvertsSent++;
        foreach (var to in _routers)
        {
            if (to.Index == from.Index) continue;
            Sent++;
            // Draw both numbers for every receiver so one link's settings never shift another's randomness.
            double lossDraw = _random.NextDouble();
            long jitter = Jitter.Nanoseconds > 0 ? _random.NextInt64(Jitter.Nanoseconds + 1) : 0;
            if (!CanTalk(from.Index, to.Index) || lossDraw < LossOf(from.Index, to.Index))
            {
                Lost++;
                continue;
            }
            var at = Now + Delay + new Duration(jitter);
            _inFlight.Enqueue(new Delivery(from.Index, to.Index, message), (at.Nanoseconds, _seq++));
        }
    }

    private void Deliver(Delivery d)
    {
        var to = _routers[d.To];
        var from = _routers[d.From];
        // A partition set while the packet was in flight cuts it too.
        if (to.Instance is not { } inst || !CanTalk(d.From, d.To))
        {
            Lost++;
            return;
        }
        var info = new PacketInfo(from.Settings.Family, from.Primary, Group(from.Settings.Family), VrrpCodec.RequiredTtl, checkTtl: true);
        var drop = VrrpCodec.Decode(d.Message, info, out var advert);
        if (drop != DropReason.None)
        {
            to.CodecDrops++;
            return;
        }
        // The host demultiplexes by VRID before an instance sees anything.
        if (advert.Vrid != to.Settings.Vrid) return;
        Delivered++;
        to.Actions.Clear();
        inst.Handle(InstanceInput.FromAdvert(advert, from.Primary, VrrpCodec.RequiredTtl), Now, to.Actions);
        Perform(to);
    }

    private bool CanTalk(int a, int b) => _group[a] == _group[b];

    private double LossOf(int from, int to) => _linkLoss.TryGetValue((from, to), out var p) ? p : Loss;

    private static IpAddr Group(IpFamily family) => family == IpFamily.IPv4 ? IpAddr.VrrpMulticastV4 : IpAddr.VrrpMulticastV6;
}
