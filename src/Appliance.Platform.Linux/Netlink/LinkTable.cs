using System.Runtime.InteropServices;
using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Netlink;

/// <summary>
/// Interfaces through rtnetlink: lookup by name (ifindex, MAC, flags), and the macvlan links
/// that <c>use_vmac</c> needs, created and deleted the way keepalived does (mode private).
/// </summary>
public sealed class LinkTable : IDisposable
{
    private const int ErrnoEexist = 17;
    private const int ErrnoEnodev = 19;
    private readonly NetlinkSocket _socket = new();
    private readonly byte[] _request = new byte[512];

    /// <summary>Every interface of this network namespace.</summary>
    public List<LinkInfo> Dump()
    {
        var w = new NetlinkWriter(_request, RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, _socket.NextSeq());
        w.Append(new IfInfoMsg { ifi_family = AF_UNSPEC });
        var list = new List<LinkInfo>();
        var e = _socket.Dump(w.Finish(), ref list, static (ref List<LinkInfo> l, in NetlinkMessage m) =>
        {
            if (m.Header.nlmsg_type == RTM_NEWLINK && TryParse(m.Payload, out var link)) l.Add(link);
        });
        if (e.Value != 0) throw new PlatformException("RTM_GETLINK dump", e);
        return list;
    }

    /// <summary>The interface called <paramref name="name"/>, or null.</summary>
    public LinkInfo? Find(string name)
    {
        foreach (var l in Dump())
            if (l.Name == name) return l;
        return null;
    }

    /// <summary>The interface with index <paramref name="index"/>, or null.</summary>
    public LinkInfo? Find(int index)
    {
        foreach (var l in Dump())
            if (l.Index == index) return l;
        return null;
    }

    /// <summary>
    /// Creates (or reuses) a macvlan called <paramref name="name"/> on <paramref name="parentIndex"/>
    /// with <paramref name="mac"/>, mode private, and sets it up. Mode private as keepalived:
    /// the VMAC must not talk to its siblings on the same parent, only to the wire. With
    /// <paramref name="noLinkLocal"/> the kernel generates no IPv6 link-local address for it:
    /// every router's VMAC for a VRID has the same MAC, so EUI-64 would give them all the same
    /// link-local address, and VRRP's IPv6 source must be unique (keepalived puts the parent's
    /// link-local address on the VMAC instead, and so does the daemon).
    /// </summary>
    public Errno CreateMacvlan(string name, int parentIndex, MacAddress mac, bool noLinkLocal = false)
    {
        var w = new NetlinkWriter(_request, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, _socket.NextSeq());
        w.Append(new IfInfoMsg { ifi_family = AF_UNSPEC });
        w.AttributeString(IFLA_IFNAME, name);
        w.AttributeU32(IFLA_LINK, (uint)parentIndex);
        Span<byte> m = stackalloc byte[6];
        mac.WriteTo(m);
        w.Attribute(IFLA_ADDRESS, m);
        int info = w.BeginNested(IFLA_LINKINFO);
        w.AttributeString(IFLA_INFO_KIND, "macvlan");
        int data = w.BeginNested(IFLA_INFO_DATA);
        w.AttributeU32(IFLA_MACVLAN_MODE, MACVLAN_MODE_PRIVATE);
        w.EndNested(data);
        w.EndNested(info);
        var e = _socket.Request(w.Finish());
        if (e.Value == ErrnoEexist)
        {
            // Left behind by a crash: keep it if it is ours in all but state.
            var existing = Find(name);
            if (existing is not { } l || l.Kind != "macvlan" || l.ParentIndex != parentIndex || l.Mac != mac) return e;
            e = default;
        }
        if (e.Value != 0) return e;
        var created = Find(name);
        if (created is not { } link) return new Errno(ErrnoEnodev);
        if (noLinkLocal)
        {
            // Set while the link is still down: the kernel adds link-local addresses on NETDEV_UP.
            e = SetAddrGenModeNone(link.Index);
            if (e.Value != 0) return e;
        }
        return SetUp(link.Index, true);
    }

    /// <summary>IFLA_INET6_ADDR_GEN_MODE = none: no automatic IPv6 link-local address.</summary>
    public Errno SetAddrGenModeNone(int index)
    {
        var w = new NetlinkWriter(_request, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, _socket.NextSeq());
        w.Append(new IfInfoMsg { ifi_family = AF_UNSPEC, ifi_index = index });
        int spec = w.BeginNested(IFLA_AF_SPEC);
        int inet6 = w.BeginNested(AF_INET6);
        w.Attribute(IFLA_INET6_ADDR_GEN_MODE, [IN6_ADDR_GEN_MODE_NONE]);
        w.EndNested(inet6);
        w.EndNested(spec);
        return _socket.Request(w.Finish());
    }

    /// <summary>Sets a link administratively up or down.</summary>
    public Errno SetUp(int index, bool up)
    {
        var w = new NetlinkWriter(_request, RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, _socket.NextSeq());
        w.Append(new IfInfoMsg { ifi_family = AF_UNSPEC, ifi_index = index, ifi_flags = up ? IFF_UP : 0, ifi_change = IFF_UP });
        return _socket.Request(w.Finish());
    }

    /// <summary>Deletes a link; a link already gone is success.</summary>
    public Errno Delete(int index)
    {
        var w = new NetlinkWriter(_request, RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, _socket.NextSeq());
        w.Append(new IfInfoMsg { ifi_family = AF_UNSPEC, ifi_index = index });
        var e = _socket.Request(w.Finish());
        return e.Value == ErrnoEnodev ? new Errno(0) : e;
    }

    /// <summary>Parses the payload of an RTM_NEWLINK message (pure).</summary>
    internal static bool TryParse(ReadOnlySpan<byte> payload, out LinkInfo link)
    {
        link = default;
        if (payload.Length < 16) return false;
        var ifi = MemoryMarshal.Read<IfInfoMsg>(payload);
        string name = "";
        MacAddress mac = default;
        string? kind = null;
        int parent = 0;
        var attrs = new RtAttributes(payload[16..]);
        while (attrs.Next(out ushort type, out var p))
        {
            switch (type)
            {
                case IFLA_IFNAME: name = System.Text.Encoding.UTF8.GetString(p.TrimEnd((byte)0)); break;
                case IFLA_ADDRESS when p.Length == 6: mac = MacAddress.Read(p); break;
                case IFLA_LINK when p.Length >= 4: parent = MemoryMarshal.Read<int>(p); break;
                case IFLA_LINKINFO:
                    var info = new RtAttributes(p);
                    while (info.Next(out ushort it, out var ip))
                        if (it == IFLA_INFO_KIND) kind = System.Text.Encoding.UTF8.GetString(ip.TrimEnd((byte)0));
                    break;
            }
        }
        link = new LinkInfo(ifi.ifi_index, name, mac, ifi.ifi_flags, kind, parent);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
