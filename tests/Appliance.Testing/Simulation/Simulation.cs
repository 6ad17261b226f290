using System.Collections.Immutable;
using Appliance.Config.Model;
using Appliance.Heartbeat;
using Appliance.Heartbeat.Channels;
using Appliance.Host;
using Appliance.Host.Logging;
using Appliance.Host.SplitBrain;
using Appliance.Testing.Seams;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Seams;
using Appliance.Vrrp.Timing;
using Appliance.Vrrp.Wire;
using Serilog;

namespace Appliance.Testing.Simulation;

/// <summary>
/// N routers on one simulated multicast segment, each the daemon's real host classes
/// (<see cref="InstanceHost"/>, <see cref="VrrpLink"/>, <see cref="Announcer"/>, and with
/// <see cref="ConnectHeartbeat"/> the real <see cref="HeartbeatService"/> and arbiter) over the
/// in-memory seams, driven by a seeded random source so a failing seed replays exactly. Adverts
/// travel as bytes through the real codec; the wire can lose, delay and jitter them per link, and
/// partitions can be set and healed. Time only moves inside <see cref="RunUntil"/>, from event to
/// event: deliveries first, then due host timers in router order, then heartbeat timers, so equal
/// times are ordered deterministically too.
/// </summary>
public sealed class Simulation
{
    /// <summary>The one interface every simulated router has (VIPs, adverts and GARPs use it).</summary>
    public const int InterfaceIndex = 2;

    private static readonly ILogger s_silent = new LoggerConfiguration().MinimumLevel.Fatal().CreateLogger();
    private readonly int _seed;
    private readonly AdvertSegment _segment;
    private readonly List<SimRouter> _routers = [];
    private readonly List<HeartbeatCable> _cables = [];
    private HeartbeatSettings? _heartbeat;
    private long _lostToDownRouters;
    private long _delivered;

    /// <summary>Creates an empty segment whose randomness comes from <paramref name="seed"/> alone.</summary>
    public Simulation(int seed)
    {
        _seed = seed;
        _segment = new AdvertSegment(seed) { Immediate = false };
    }

    /// <summary>Simulated time.</summary>
    public MonoTime Now { get; private set; } = MonoTime.Zero;

    /// <summary>The routers, by index.</summary>
    public IReadOnlyList<SimRouter> Routers => _routers;

    /// <summary>The LAN the adverts travel on.</summary>
    public AdvertSegment Segment => _segment;

    /// <summary>The heartbeat channels between routers 0 and 1 (empty unless <see cref="ConnectHeartbeat"/> was called).</summary>
    public IReadOnlyList<HeartbeatCable> Cables => _cables;

    /// <summary>Every state change, for the properties.</summary>
    public StateTimeline Timeline { get; } = new();

    /// <summary>Where host and heartbeat log lines go (silent by default).</summary>
    public ILogger Log { get; set; } = s_silent;

    /// <summary>Fixed part of every delivery delay (default 100 µs, a switched LAN).</summary>
    public Duration Delay { get => _segment.Delay; set => _segment.Delay = value; }

    /// <summary>Uniformly random extra delay in [0, Jitter] per delivery.</summary>
    public Duration Jitter { get => _segment.Jitter; set => _segment.Jitter = value; }

    /// <summary>Loss probability on every link without its own setting.</summary>
    public double Loss { get => _segment.Loss; set => _segment.Loss = value; }

    /// <summary>The most a delivery can take: <see cref="Delay"/> + <see cref="Jitter"/>.</summary>
    public Duration MaxDelay => Delay + Jitter;

    /// <summary>Adverts put on the wire (one per receiver).</summary>
    public long Sent => _segment.Sent;

    /// <summary>Adverts handed to a receiving host.</summary>
    public long Delivered => _delivered;

    /// <summary>Adverts that never arrived (loss, partitions, a down receiver).</summary>
    public long Lost => _segment.Lost + _lostToDownRouters;

    /// <summary>
    /// Loop turns a real daemon would have spun with a zero poll timeout because a heartbeat deadline
    /// stayed in the past after it was served (0 in a healthy run; see <c>ServeHeartbeat</c>).
    /// </summary>
    public long BusyTurns { get; private set; }

    /// <summary>Adds a router (down until <see cref="Start"/>).</summary>
    public SimRouter AddRouter(InstanceSettings settings, IpAddr primary)
    {
        var socket = _segment.Attach(settings.Family, primary, InterfaceIndex, "sim0");
        var router = new SimRouter(_routers.Count, settings, primary, socket, new DropLog(Log, 4));
        router.Frames.Clock = () => Now;
        _routers.Add(router);
        return router;
    }

    /// <summary>
    /// Joins routers 0 and 1 by <paramref name="channels"/> heartbeat channels (a direct link each,
    /// node ids 1 and 2). Call before starting them. <paramref name="interval"/> and
    /// <paramref name="deadTime"/> default to 0.5 s and 1.5 s: together below a 1 s instance's
    /// Master_Down_Interval, as the daemon warns they should be.
    /// </summary>
    public void ConnectHeartbeat(int channels = 1, Centiseconds? interval = null, Centiseconds? deadTime = null,
        LanFaultPolicy onLanFault = LanFaultPolicy.StayBackup)
    {
        var list = ImmutableArray.CreateBuilder<HeartbeatChannelSettings>();
        for (int c = 0; c < channels; c++)
        {
            var cable = new HeartbeatCable($"hb{c}");
            _cables.Add(cable);
            list.Add(new HeartbeatChannelSettings
            {
                Name = cable.Name,
                Kind = HeartbeatChannelKind.Link,
                Interface = cable.Name,
                Interval = interval ?? new Centiseconds(50),
                DeadTime = deadTime ?? new Centiseconds(150),
            });
        }
        _heartbeat = new HeartbeatSettings { Channels = list.ToImmutable(), OnLanFault = onLanFault };
    }

    /// <summary>Loss probability on the directed link <paramref name="from"/> → <paramref name="to"/>.</summary>
    public void SetLoss(int from, int to, double probability) => _segment.SetLoss(from, to, probability);

    /// <summary>Splits the segment: routers talk only to routers with the same group number.</summary>
    public void Partition(IReadOnlyList<int> groupOfRouter) => _segment.Partition(groupOfRouter);

    /// <summary>Joins every router into one segment again.</summary>
    public void Heal() => _segment.Heal();

    /// <summary>Cuts every heartbeat channel.</summary>
    public void CutHeartbeat()
    {
        foreach (var c in _cables) c.Cut();
    }

    /// <summary>Mends every heartbeat channel.</summary>
    public void RestoreHeartbeat()
    {
        foreach (var c in _cables) c.Restore();
    }

    /// <summary>Starts (or restarts after a crash) router <paramref name="index"/> at <see cref="Now"/>.</summary>
    public void Start(int index)
    {
        var r = _routers[index];
        if (r.Host is null)
        {
            r.Host = BuildHost(r);
            if (_heartbeat is not null && index < 2)
            {
                r.Heartbeat = BuildHeartbeat(r);
                r.Heartbeat.Start(Now);
                PumpHeartbeat();
            }
        }
        Apply(r, InstanceInput.Startup());
    }

    /// <summary>Kills router <paramref name="index"/>: no priority 0, no goodbye, state lost.</summary>
    public void Crash(int index)
    {
        var r = _routers[index];
        if (r.Host is not { } host) return;
        r.Link.Unregister(host);
        r.Host = null;
        r.Socket.Flush();
        r.Addresses.Clear();
        r.Heartbeat?.Dispose();
        r.Heartbeat = null;
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
        int stuck = 0;
        var last = Now;
        while (true)
        {
            var nextDelivery = _segment.NextDelivery;
            int due = -1;
            var nextTimer = MonoTime.Never;
            foreach (var r in _routers)
            {
                if (r.Host is { } host && host.NextDeadline < nextTimer)
                {
                    nextTimer = host.NextDeadline;
                    due = r.Index;
                }
            }
            int hbDue = -1;
            var nextHeartbeat = MonoTime.Never;
            foreach (var r in _routers)
            {
                if (r.Heartbeat is not { } hb) continue;
                var d = hb.NextDeadline < r.HeartbeatNotBefore ? r.HeartbeatNotBefore : hb.NextDeadline;
                if (d < nextHeartbeat)
                {
                    nextHeartbeat = d;
                    hbDue = r.Index;
                }
            }
            var next = MonoTime.Min(nextDelivery, MonoTime.Min(nextTimer, nextHeartbeat));
            if (next > until) break;
            // A deadline already passed (the heartbeat's "apply now") runs at the current time.
            if (next > Now) Now = next;
            // A participant whose deadline does not move when served would spin the real loop too.
            stuck = Now == last ? stuck + 1 : 0;
            last = Now;
            if (stuck > 10_000)
                throw new InvalidOperationException($"bug: time stuck at {Now}: next delivery {nextDelivery}, host timer {nextTimer} (R{due}), heartbeat {nextHeartbeat} (R{hbDue})" +
                    (hbDue >= 0 ? $" arbiter {_routers[hbDue].Heartbeat!.Arbiter.NextDeadline}, channels {string.Join(",", _routers[hbDue].Heartbeat!.Channels.Select(c => c.NextDeadline))}" : ""));
            _segment.Now = Now;
            if (nextDelivery <= nextTimer && nextDelivery <= nextHeartbeat) Deliver();
            else if (nextTimer <= nextHeartbeat) _routers[due].Host!.OnDeadline(Now);
            else ServeHeartbeat(_routers[hbDue]);
            PumpHeartbeat();
        }
        Now = until;
        _segment.Now = Now;
    }

    // A deadline still due after it was served is what makes the real loop spin: poll(2) gets a zero
    // timeout turn after turn until the clock passes it. Simulated time would stand still instead,
    // so the next turn comes one poll granule (1 ms) later, and every such turn is counted.
    private void ServeHeartbeat(SimRouter r)
    {
        var hb = r.Heartbeat!;
        hb.OnDeadline(Now);
        if (hb.NextDeadline <= Now)
        {
            r.HeartbeatNotBefore = Now + Duration.FromMilliseconds(1);
            BusyTurns++;
        }
        else
        {
            r.HeartbeatNotBefore = MonoTime.Zero;
        }
    }

    private InstanceHost BuildHost(SimRouter r)
    {
        var s = r.Settings;
        var config = new VrrpInstanceConfig { Protocol = s, Interface = "sim0" };
        var group = s.Family == IpFamily.IPv4 ? IpAddr.VrrpMulticastV4 : IpAddr.VrrpMulticastV6;
        var mac = MacAddress.Virtual(s.Family, s.Vrid);
        var vips = new AddressRequest[s.VirtualAddresses.Length];
        var frames = new byte[s.VirtualAddresses.Length][];
        for (int i = 0; i < vips.Length; i++)
        {
            var vip = s.VirtualAddresses[i];
            vips[i] = new AddressRequest(InterfaceIndex, new IpPrefix(vip, (byte)(s.Family == IpFamily.IPv4 ? 32 : 128)), NoDad: s.Family == IpFamily.IPv6);
            if (s.Family == IpFamily.IPv4)
            {
                frames[i] = new byte[ArpFrame.Length];
                ArpFrame.BuildGratuitous(frames[i], mac, vip);
            }
            else
            {
                frames[i] = new byte[NeighborAdvertFrame.Length];
                NeighborAdvertFrame.Build(frames[i], mac, r.Primary, vip);
            }
        }
        var announcer = new Announcer(frames, r.Frames, InterfaceIndex, new GarpSettings(), s.Family);
        var sink = new RouterSink(this, r);
        var host = new InstanceHost(config, new Instance(s, r.Primary), r.Link, r.Primary, vips, group, announcer, r.Addresses,
            r.Actions, Log, r.DropLog, [sink]);
        if (!r.Link.Register(host)) throw new InvalidOperationException($"VRID {s.Vrid} registered twice on router {r.Index}");
        r.DropLog.Register(host);
        return host;
    }

    private HeartbeatService BuildHeartbeat(SimRouter r)
    {
        var config = new ApplianceConfig { Heartbeat = _heartbeat! with { NodeId = (ushort)(r.Index + 1) } };
        var cables = _cables;
        IHeartbeatTransport End(HeartbeatChannelSettings c)
        {
            foreach (var cable in cables)
                if (cable.Name == c.Name) return r.Index == 0 ? cable.A : cable.B;
            throw new InvalidOperationException($"no cable {c.Name}");
        }
        return HeartbeatService.Create(config, [r.Host!], [new RouterSink(this, r)], Log, End, null, new Random(_seed * 31 + r.Index))
            ?? throw new InvalidOperationException("heartbeat configured without channels");
    }

    // The heartbeat transports have no descriptor: whatever a channel received is read at once,
    // as the loop would in its next turn.
    private void PumpHeartbeat()
    {
        for (int pass = 0; pass < 4; pass++)
        {
            bool any = false;
            foreach (var r in _routers)
            {
                if (r.Heartbeat is not { } hb) continue;
                for (int c = 0; c < hb.ChannelCount; c++)
                {
                    if (hb.Channels[c].Transport is HeartbeatCable.End { Pending: > 0 })
                    {
                        hb.OnReadable(c, Now);
                        any = true;
                    }
                }
            }
            if (!any) return;
        }
    }

    private void Apply(SimRouter r, in InstanceInput input)
    {
        if (r.Host is not { } host) return;
        host.Handle(input, Now);
        PumpHeartbeat();
    }

    private void Deliver()
    {
        var socket = _segment.DeliverNext();
        if (socket is null) return;
        var to = _routers[socket.Member];
        if (!to.IsUp)
        {
            socket.Flush();
            _lostToDownRouters++;
            return;
        }
        _delivered++;
        to.Link.ReceiveAll(Now, to.DropLog);
    }

    // Each router's events, and the timeline of state changes, come from what the real host publishes.
    private sealed class RouterSink(Simulation sim, SimRouter router) : IEventSink
    {
        public void Publish(in ApplianceEvent e)
        {
            router.Record(e);
            if (e.Kind == EventKind.StateChanged && e.Instance == router.Settings.Name)
                sim.Timeline.Record(e.At, router.Index, router.Settings.Vrid, e.To);
        }
    }
}
