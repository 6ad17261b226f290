using Appliance.Host.Logging;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Seams;
using Appliance.Vrrp.Wire;

namespace Appliance.Host;

/// <summary>
/// One VRRP socket per (interface, family) and its fixed 256-slot VRID table: a received packet
/// is decoded once and handed to the instance for its VRID, or counted as a drop. Syntax drops
/// (the codec's) are counted here, per link; semantic drops by the instance.
/// </summary>
public sealed class VrrpLink : IDisposable
{
    private readonly InstanceHost?[] _byVrid = new InstanceHost?[256];
    private readonly long[] _drops = new long[StateNames.DropReasonSlots];
    // Large enough for the biggest VRRP packet with its IPv4 header; a longer datagram is cut here
    // and then fails the codec's length check.
    private readonly byte[] _rx = new byte[2048];

    public VrrpLink(IAdvertSocket socket) => Socket = socket;

    public IAdvertSocket Socket { get; }

    public long Received { get; private set; }

    public long ReceiveErrors { get; private set; }

    public ReadOnlySpan<long> Drops => _drops;

    /// <summary>Turns that ended with the budget spent and datagrams possibly still queued.</summary>
    public long BudgetExhausted { get; private set; }

    /// <summary>Instances registered on this link; a reload closes a link that has none left.</summary>
    public int HostCount { get; private set; }

    public string Name => Socket.InterfaceName;

    /// <summary>Registers an instance; false when the VRID is taken on this link and family.</summary>
    public bool Register(InstanceHost host)
    {
        byte vrid = host.Instance.Settings.Vrid;
        if (_byVrid[vrid] is not null) return false;
        _byVrid[vrid] = host;
        HostCount++;
        return true;
    }

    /// <summary>Frees the VRID of <paramref name="host"/> (reload removed or replaced the instance).</summary>
    public void Unregister(InstanceHost host)
    {
        byte vrid = host.Instance.Settings.Vrid;
        if (!ReferenceEquals(_byVrid[vrid], host)) return;
        _byVrid[vrid] = null;
        HostCount--;
    }

    /// <summary>The instance registered for <paramref name="vrid"/> on this link, if any.</summary>
    public InstanceHost? Holder(byte vrid) => _byVrid[vrid];

    /// <summary>Reads and dispatches up to <paramref name="budget"/> datagrams queued on the socket;
    /// the loop's level-triggered poll brings the rest back next turn.</summary>
    public void ReceiveAll(MonoTime now, DropLog dropLog, int budget = int.MaxValue)
    {
        for (int n = 0; ; n++)
        {
            if (n == budget)
            {
                BudgetExhausted++;
                return;
            }
            if (!Socket.TryReceive(_rx, out var p, out var err))
            {
                if (err.Failed) ReceiveErrors++;
                return;
            }
            var data = _rx.AsSpan(0, p.Length);
            Received++;
            // The TTL/hop-limit rule follows the instance's configuration (unicast peers or not),
            // never where the packet was addressed, and which instance it is for is only known
            // after decoding: Instance applies it. Syntax checks stay here.
            const bool checkTtl = false;
            DropReason r;
            VrrpAdvert advert;
            PacketInfo info;
            if (p.Family == IpFamily.IPv4)
            {
                r = VrrpCodec.DecodeIPv4(data, checkTtl, out advert, out info);
            }
            else
            {
                info = new PacketInfo(IpFamily.IPv6, p.Source, p.Destination, p.HopLimit, checkTtl);
                r = VrrpCodec.Decode(data, info, out advert);
            }
            if (r != DropReason.None)
            {
                Count(r, now, dropLog, info.Source);
                continue;
            }
            var host = _byVrid[advert.Vrid];
            if (host is null)
            {
                Count(DropReason.UnknownVrid, now, dropLog, info.Source);
                continue;
            }
            host.OnAdvert(advert, info.Source, info.Destination, info.Ttl, now);
        }
    }

    private void Count(DropReason r, MonoTime now, DropLog dropLog, IpAddr source)
    {
        _drops[(int)r]++;
        dropLog.Dropped(this, r, source, now);
    }

    public void Dispose() => Socket.Dispose();
}
