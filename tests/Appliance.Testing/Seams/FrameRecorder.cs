using Appliance.Vrrp;
using Appliance.Vrrp.Seams;

namespace Appliance.Testing.Seams;

/// <summary>
/// A frame sender that keeps every frame (with the time from <see cref="Clock"/>) instead of putting
/// it on a wire, refusing what the kernel would refuse: a frame shorter than an Ethernet header
/// (EINVAL) and an interface the host does not have (ENXIO).
/// </summary>
public sealed class FrameRecorder : IFrameSender
{
    private const int EINVAL = 22;
    private const int ENXIO = 6;
    private readonly List<Frame> _frames = [];
    private readonly HashSet<int> _interfaces;

    /// <summary>One frame sent.</summary>
    public readonly record struct Frame(MonoTime At, int InterfaceIndex, byte[] Bytes)
    {
        /// <summary>EtherType 0x0806: a (gratuitous) ARP.</summary>
        public bool IsArp => Bytes.Length >= 14 && Bytes[12] == 0x08 && Bytes[13] == 0x06;

        /// <summary>EtherType 0x86DD: an IPv6 packet (the unsolicited NA).</summary>
        public bool IsIPv6 => Bytes.Length >= 14 && Bytes[12] == 0x86 && Bytes[13] == 0xDD;
    }

    /// <summary>A recorder for a host whose interfaces are <paramref name="interfaces"/> (none given: any index exists).</summary>
    public FrameRecorder(params int[] interfaces) => _interfaces = [.. interfaces];

    /// <summary>Where frame times come from (a simulation's clock); zero when unset.</summary>
    public Func<MonoTime>? Clock { get; set; }

    /// <summary>Every frame sent, in order.</summary>
    public IReadOnlyList<Frame> Frames => _frames;

    /// <summary>Frames sent at or after <paramref name="at"/>.</summary>
    public int CountSince(MonoTime at)
    {
        int n = 0;
        foreach (var f in _frames)
            if (f.At >= at) n++;
        return n;
    }

    /// <inheritdoc />
    public IoError Send(int interfaceIndex, ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 14) return new IoError(EINVAL);
        if (_interfaces.Count > 0 && !_interfaces.Contains(interfaceIndex)) return new IoError(ENXIO);
        _frames.Add(new Frame(Clock?.Invoke() ?? MonoTime.Zero, interfaceIndex, frame.ToArray()));
        return IoError.None;
    }
}
