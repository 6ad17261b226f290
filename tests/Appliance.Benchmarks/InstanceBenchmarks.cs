using System.Collections.Immutable;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Timing;
using Appliance.Vrrp.Wire;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks;

/// <summary>
/// The cost of one decision of the state machine, and of the receive path from bytes to decision.
/// Allocated bytes must read 0 in every row (the allocation tests prove the same under JIT).
/// </summary>
[MemoryDiagnoser]
public class InstanceBenchmarks
{
    private static readonly IpAddr Us = IpAddr.Parse("10.0.0.10");
    private static readonly IpAddr Peer = IpAddr.Parse("10.0.0.20");
    private static readonly IpAddr Vip = IpAddr.Parse("10.0.0.1");
    private static readonly Duration Step = Duration.FromMilliseconds(10);

    private readonly ActionBuffer _actions = new();
    private readonly byte[] _addresses = new byte[4];
    private readonly byte[] _higherMessage = new byte[64];
    private int _higherLength;
    private Instance _backup = null!;
    private Instance _master = null!;
    private MonoTime _now;

    [GlobalSetup]
    public void Setup()
    {
        var settings = new InstanceSettings { Name = "VI_1", Vrid = 51, VirtualAddresses = ImmutableArray.Create(Vip) };
        Vip.WriteTo(_addresses);

        _backup = new Instance(settings, Us);
        _backup.Handle(InstanceInput.Startup(), MonoTime.Zero, _actions);

        _master = new Instance(settings, Us);
        _master.Handle(InstanceInput.Startup(), MonoTime.Zero, _actions);
        _master.Handle(InstanceInput.Tick(), _master.NextDeadline, _actions);

        Span<IpAddr> vips = [Vip];
        var fields = new AdvertFields
        {
            Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 51, Priority = 200,
            Interval = Centiseconds.FromSeconds(1), Addresses = vips,
        };
        _higherLength = VrrpCodec.Encode(_higherMessage, fields, Peer, IpAddr.VrrpMulticastV4, ChecksumForm.PseudoHeader);
        _now = MonoTime.FromMilliseconds(1);
    }

    /// <summary>The common case: a backup hears its master and restarts Master_Down_Timer.</summary>
    [Benchmark(Baseline = true)]
    public MonoTime Backup_hears_master()
    {
        _actions.Clear();
        _now += Step;
        var advert = new VrrpAdvert(VrrpVersion.V3, IpFamily.IPv4, 51, 200, 1, Centiseconds.FromSeconds(1),
            AuthType.None, _addresses, default, ChecksumForm.PseudoHeader);
        return _backup.Handle(InstanceInput.FromAdvert(advert, Peer, 255), _now, _actions);
    }

    /// <summary>The master's Adver_Timer fires and it asks for an advert.</summary>
    [Benchmark]
    public MonoTime Master_adver_timer_fires()
    {
        _actions.Clear();
        var deadline = _master.NextDeadline;
        return _master.Handle(InstanceInput.Tick(), deadline, _actions);
    }

    /// <summary>Bytes to decision: decode (checksum included) then handle.</summary>
    [Benchmark]
    public MonoTime Decode_and_handle()
    {
        _actions.Clear();
        _now += Step;
        var info = new PacketInfo(IpFamily.IPv4, Peer, IpAddr.VrrpMulticastV4, 255, checkTtl: true);
        if (VrrpCodec.Decode(_higherMessage.AsSpan(0, _higherLength), info, out var advert) != DropReason.None)
            throw new InvalidOperationException("bug: the benchmark's own advert did not decode");
        return _backup.Handle(InstanceInput.FromAdvert(advert, Peer, 255), _now, _actions);
    }
}
