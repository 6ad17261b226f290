using System.Runtime.InteropServices;
using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp;
using Appliance.Vrrp.Seams;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>
/// Interface addresses through rtnetlink (RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR), never by
/// running ip(8). Add and remove are idempotent: an address already present (EEXIST) or
/// already gone (EADDRNOTAVAIL) is success, which is what a takeover after a crash needs.
/// </summary>
public sealed class AddressTable : IAddressManager, IDisposable
{
    private const int ErrnoEexist = 17;
    private const int ErrnoEaddrnotavail = 99;
    private readonly NetlinkSocket _socket = new();
    private readonly byte[] _request = new byte[512];

    /// <summary>Adds an address; returns errno 0 when it is (now) present.</summary>
    public Errno Add(in AddressRequest r)
    {
        var msg = Build(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, r);
        var e = _socket.Request(msg);
        return e.Value == ErrnoEexist ? new Errno(0) : e;
    }

    /// <summary>Removes an address; returns errno 0 when it is (now) absent.</summary>
    public Errno Delete(in AddressRequest r)
    {
        var msg = Build(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, r);
        var e = _socket.Request(msg);
        return e.Value == ErrnoEaddrnotavail ? new Errno(0) : e;
    }

    IoError IAddressManager.Add(in AddressRequest request) => new(Add(request).Value);

    IoError IAddressManager.Delete(in AddressRequest request) => new(Delete(request).Value);

    /// <summary>All addresses of <paramref name="family"/> (null: both) on every interface, or on one.</summary>
    public List<AddressEntry> Dump(IpFamily? family = null, int interfaceIndex = 0)
    {
        var w = new NetlinkWriter(_request, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, _socket.NextSeq());
        w.Append(new IfAddrMsg { ifa_family = (byte)(family switch { IpFamily.IPv4 => AF_INET, IpFamily.IPv6 => AF_INET6, _ => AF_UNSPEC }) });
        var state = (List: new List<AddressEntry>(), Index: interfaceIndex);
        var e = _socket.Dump(w.Finish(), ref state, static (ref (List<AddressEntry> List, int Index) s, in NetlinkMessage m) =>
        {
            if (m.Header.nlmsg_type == RTM_NEWADDR && TryParse(m.Payload, out var entry) && (s.Index == 0 || entry.InterfaceIndex == s.Index))
                s.List.Add(entry);
        });
        if (e.Value != 0) throw new PlatformException("RTM_GETADDR dump", e);
        return state.List;
    }

    /// <summary>Parses the payload of an RTM_NEWADDR/RTM_DELADDR message (pure).</summary>
    internal static bool TryParse(ReadOnlySpan<byte> payload, out AddressEntry entry)
    {
        entry = default;
        if (payload.Length < 8) return false;
        var ifa = MemoryMarshal.Read<IfAddrMsg>(payload);
        if (ifa.ifa_family is not (AF_INET or AF_INET6)) return false;
        var family = ifa.ifa_family == AF_INET ? IpFamily.IPv4 : IpFamily.IPv6;
        int size = IpAddr.SizeOf(family);
        IpAddr? local = null, address = null;
        string? label = null;
        uint flags = ifa.ifa_flags;
        var attrs = new RtAttributes(payload[8..]);
        while (attrs.Next(out ushort type, out var p))
        {
            switch (type)
            {
                case IFA_LOCAL when p.Length >= size: local = IpAddr.Read(family, p); break;
                case IFA_ADDRESS when p.Length >= size: address = IpAddr.Read(family, p); break;
                case IFA_LABEL: label = System.Text.Encoding.UTF8.GetString(p.TrimEnd((byte)0)); break;
                case IFA_FLAGS when p.Length >= 4: flags = MemoryMarshal.Read<uint>(p); break;
            }
        }
        // On point-to-point links IFA_ADDRESS is the peer; IFA_LOCAL is always ours when present.
        var a = local ?? address;
        if (a is null) return false;
        entry = new AddressEntry((int)ifa.ifa_index, new IpPrefix(a.Value, ifa.ifa_prefixlen), ifa.ifa_scope, flags, label);
        return true;
    }

    private Span<byte> Build(ushort type, ushort flags, in AddressRequest r)
    {
        var family = r.Prefix.Family;
        var w = new NetlinkWriter(_request, type, flags, _socket.NextSeq());
        w.Append(new IfAddrMsg
        {
            ifa_family = (byte)(family == IpFamily.IPv4 ? AF_INET : AF_INET6),
            ifa_prefixlen = r.Prefix.PrefixLength,
            ifa_scope = r.Scope,
            ifa_index = (uint)r.InterfaceIndex,
            ifa_flags = (byte)(r.NoDad ? IFA_F_NODAD : 0),
        });
        Span<byte> a = stackalloc byte[16];
        int n = r.Prefix.Address.WriteTo(a);
        w.Attribute(IFA_LOCAL, a[..n]);
        w.Attribute(IFA_ADDRESS, a[..n]);
        if (family == IpFamily.IPv4 && r.Broadcast is { } brd)
        {
            brd.WriteTo(a);
            w.Attribute(IFA_BROADCAST, a[..4]);
        }
        if (family == IpFamily.IPv4 && !string.IsNullOrEmpty(r.Label) && type == RTM_NEWADDR) w.AttributeString(IFA_LABEL, r.Label);
        if (r.NoDad) w.AttributeU32(IFA_FLAGS, IFA_F_NODAD);
        return w.Finish();
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
