using Appliance.Platform.Linux.Sockets;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Daemon;

/// <summary>
/// One VRRP socket per (interface, family) and its fixed 256-slot VRID table: a received packet
/// is decoded once and handed to the instance for its VRID, or counted as a drop. Syntax drops
/// (the codec's) are counted here, per link; semantic drops by the instance.
/// </summary>
internal sealed class VrrpLink : IDisposable
{
    private readonly InstanceHost?[] _byVrid = new InstanceHost?[256];
    private readonly long[] _drops = new long[StateNames.DropReasonSlots];

    public VrrpLink(VrrpSocket socket) => Socket = socket;

    public VrrpSocket Socket { get; }

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
    public void ReceiveAll(MonoTime now, Logging.DropLog dropLog, int budget)
    {
        for (int n = 0; ; n++)
        {
            if (n == budget)
            {
                BudgetExhausted++;
                return;
            }
            if (!Socket.TryReceive(out var p, out var err))
            {
                if (err.Value != 0) ReceiveErrors++;
                return;
            }
            Received++;
            bool checkTtl = !p.IsUnicast;
            DropReason r;
            VrrpAdvert advert;
            PacketInfo info;
            if (p.Family == IpFamily.IPv4)
            {
                r = VrrpCodec.DecodeIPv4(p.Data, checkTtl, out advert, out info);
            }
            else
            {
                info = new PacketInfo(IpFamily.IPv6, p.Source, p.Destination, p.HopLimit, checkTtl);
                r = VrrpCodec.Decode(p.Data, info, out advert);
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
            host.OnAdvert(advert, info.Source, info.Ttl, p.IsUnicast, now);
        }
    }

    private void Count(DropReason r, MonoTime now, Logging.DropLog dropLog, IpAddr source)
    {
        _drops[(int)r]++;
        dropLog.Dropped(this, r, source, now);
    }

    public void Dispose() => Socket.Dispose();
}
