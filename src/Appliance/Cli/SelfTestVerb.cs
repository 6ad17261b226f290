using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Cli;

/// <summary>
/// `appliance selftest`: runs every hot path 10,000 times after warm-up inside the shipped binary
/// and checks that none allocated. The unit tests prove the same under the JIT; AOT-compiled code
/// is different code (other inlining, other generic instantiation), so the binary proves it again.
/// </summary>
internal static class SelfTestVerb
{
    private const int WarmUp = 1_000;
    private const int Iterations = 10_000;

    public static int Execute(ReadOnlySpan<string> args)
    {
        if (args.Length > 0)
        {
            Console.Error.WriteLine("appliance selftest: takes no arguments");
            return ExitCodes.Usage;
        }
        var paths = new HotPaths();
        int failures = 0;
        failures += Measure("vrrp decode (v3 IPv4)", paths.Decode);
        failures += Measure("vrrp encode (v3 IPv4)", paths.Encode);
        failures += Measure("instance handle (backup: advert + tick)", paths.Handle);
        failures += Measure("gratuitous ARP frame", paths.Garp);
        failures += Measure("unsolicited NA frame", paths.Na);
        Console.Out.WriteLine(failures == 0
            ? $"selftest: all hot paths allocation-free ({CommandLine.VersionLine()})"
            : $"selftest: {failures} hot path(s) allocated");
        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private static int Measure(string name, Func<int, int> body)
    {
        int sink = body(WarmUp);
        long before = GC.GetAllocatedBytesForCurrentThread();
        sink += body(Iterations);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // `sink` keeps the work observable so nothing is optimised away.
        Console.Out.WriteLine($"  {(allocated == 0 ? "ok  " : "FAIL")} {name,-42} {Iterations} runs, {allocated} bytes allocated (check {sink & 0xFF})");
        return allocated == 0 ? 0 : 1;
    }

    /// <summary>Preallocated state for the measured paths, as the daemon holds it.</summary>
    private sealed class HotPaths
    {
        private static readonly IpAddr s_self = IpAddr.Parse("192.0.2.2");
        private static readonly IpAddr s_master = IpAddr.Parse("192.0.2.1");
        private static readonly IpAddr s_linkLocal = IpAddr.Parse("fe80::1");
        private static readonly IpAddr s_vip6 = IpAddr.Parse("2001:db8::100");
        private readonly byte[] _packet = new byte[VrrpCodec.MaxMessageSize(IpFamily.IPv4)];
        private readonly byte[] _frame = new byte[128];
        private readonly IpAddr[] _vips = [IpAddr.Parse("192.0.2.100"), IpAddr.Parse("192.0.2.101")];
        private readonly ActionBuffer _actions = new();
        private readonly Instance _backup;
        private readonly int _length;
        private MonoTime _now = MonoTime.Zero;

        public HotPaths()
        {
            _length = EncodeOnce(200);
            _backup = new Instance(new InstanceSettings
            {
                Name = "selftest", Vrid = 51, Version = VrrpVersion.V3, Priority = 100,
                AdvertInterval = Centiseconds.FromSeconds(1), VirtualAddresses = [.. _vips],
            }, s_self);
            _backup.Handle(InstanceInput.Startup(), _now, _actions);
        }

        private int EncodeOnce(byte priority)
        {
            var fields = new AdvertFields
            {
                Version = VrrpVersion.V3, Family = IpFamily.IPv4, Vrid = 51, Priority = priority,
                Interval = Centiseconds.FromSeconds(1), Addresses = _vips,
            };
            return VrrpCodec.Encode(_packet, fields, s_master, IpAddr.VrrpMulticastV4, ChecksumForm.PseudoHeader);
        }

        public int Decode(int n)
        {
            int acc = 0;
            var info = new PacketInfo(IpFamily.IPv4, s_master, IpAddr.VrrpMulticastV4, 255, checkTtl: true);
            for (int i = 0; i < n; i++)
                acc += (int)VrrpCodec.Decode(_packet.AsSpan(0, _length), info, out var advert) + advert.Priority;
            return acc;
        }

        public int Encode(int n)
        {
            int acc = 0;
            for (int i = 0; i < n; i++) acc += EncodeOnce(200);
            return acc;
        }

        public int Handle(int n)
        {
            int acc = 0;
            var info = new PacketInfo(IpFamily.IPv4, s_master, IpAddr.VrrpMulticastV4, 255, checkTtl: true);
            for (int i = 0; i < n; i++)
            {
                // A master advertising every second, heard by a backup whose timer never fires.
                _now = _now.Add(Centiseconds.FromSeconds(1));
                VrrpCodec.Decode(_packet.AsSpan(0, _length), info, out var advert);
                _actions.Clear();
                _backup.Handle(InstanceInput.FromAdvert(advert, s_master, 255), _now, _actions);
                _actions.Clear();
                _backup.Handle(InstanceInput.Tick(), _now, _actions);
                acc += (int)_backup.State;
            }
            return acc;
        }

        public int Garp(int n)
        {
            int acc = 0;
            var mac = MacAddress.Virtual(IpFamily.IPv4, 51);
            for (int i = 0; i < n; i++) acc += ArpFrame.BuildGratuitous(_frame, mac, _vips[i & 1]);
            return acc;
        }

        public int Na(int n)
        {
            int acc = 0;
            var mac = MacAddress.Virtual(IpFamily.IPv6, 51);
            for (int i = 0; i < n; i++) acc += NeighborAdvertFrame.Build(_frame, mac, s_linkLocal, s_vip6);
            return acc;
        }
    }
}
