using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Protocol;

/// <summary>
/// The receive checks of RFC 3768 §7.1 (v2) and RFC 9568 §7.1 (v3) that depend only on the
/// instance's configuration and our primary address, not on its state: what <see cref="Instance"/>
/// applies to every advert it listens to, and what <c>appliance trace</c> applies to show the
/// daemon's verdict without being the daemon. Pure; allocates nothing.
/// </summary>
public static class ReceiveChecks
{
    /// <summary>The first check an advert fails, or <see cref="DropReason.None"/>. The order follows
    /// RFC 3768 §7.1 and RFC 9568 §7.1: TTL, VRID and family, source, version, our own packet, owner,
    /// authentication, address list, interval. The codec has already checked syntax.</summary>
    /// <param name="settings">The instance's configuration.</param>
    /// <param name="primary">Our primary address on the interface.</param>
    /// <param name="advert">The decoded advert.</param>
    /// <param name="source">Its IP source address.</param>
    /// <param name="ttl">The TTL or hop limit it arrived with.</param>
    /// <param name="destination">Its IP destination (unspecified when not known: not checked).</param>
    public static DropReason Check(InstanceSettings settings, IpAddr primary, in VrrpAdvert advert, IpAddr source, byte ttl, IpAddr destination = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // RFC 9568 §7.1: TTL/hop limit 255, so only an on-link router can speak. keepalived skips
        // the rule for an instance with unicast peers (they may be routed hops away). The rule
        // follows the instance, never the packet: a multicast instance applies it to adverts sent
        // to our own address too, or an off-link sender could take mastership away.
        if (!settings.HasUnicastPeers && ttl != VrrpCodec.RequiredTtl) return DropReason.BadTtl;
        if (advert.Vrid != settings.Vrid || advert.Family != settings.Family) return DropReason.UnknownVrid;
        var addressing = CheckAddressing(settings, destination);
        if (addressing != DropReason.None) return addressing;
        // RFC 9568 §5.1.2.1: an IPv6 advert comes from the sender's link-local address; an instance
        // with unicast peers hears them at whatever address they are configured with (keepalived).
        if (advert.Family == IpFamily.IPv6 && !settings.HasUnicastPeers && !source.IsIPv6LinkLocal) return DropReason.NotLinkLocal;
        if (advert.Version != settings.Version) return DropReason.VersionMismatch;
        // Our own advert looped back (multicast loop, or a bridge echoing it).
        if (source == primary) return DropReason.OwnPacket;
        // keepalived's check_unicast_src: only the configured peers are heard. Without it, any
        // source is (keepalived's default), so a peer whose address changed is not locked out.
        if (settings.HasUnicastPeers && settings.CheckUnicastSource && !IsUnicastPeer(settings, source)) return DropReason.UnknownPeer;
        if (settings.IsOwner) return DropReason.WeAreOwner;
        if (settings.Version == VrrpVersion.V2)
        {
            if (advert.AuthType != settings.AuthType) return DropReason.AuthTypeMismatch;
            if (advert.AuthType == AuthType.SimpleText && !AuthDataMatches(settings, advert.AuthData)) return DropReason.AuthDataMismatch;
            // RFC 3768 §7.1: a differing address list is dropped unless the owner sent it.
            if (advert.Priority != 255 && !AddressListMatches(settings, advert)) return DropReason.AddressListMismatch;
            // RFC 3768 §7.1: v2 has no interval learning, so a differing interval is a discard.
            // Compared in wire units: a fractional setting goes out rounded to whole seconds.
            if (advert.MaxAdvertInterval != Centiseconds.FromSeconds(VrrpCodec.V2IntervalSeconds(settings.AdvertInterval))) return DropReason.IntervalMismatch;
            return DropReason.None;
        }
        // RFC 9568 §7.1: an advert with no addresses is ignored.
        if (advert.CountIpAddrs == 0) return DropReason.NoAddresses;
        if (advert.MaxAdvertInterval.Value <= 0) return DropReason.ZeroInterval;
        return DropReason.None;
    }

    // keepalived: each instance hears only adverts sent its way: multicast to its own group, or
    // unicast when it has unicast peers (a unicast advert to a multicast instance is refused).
    private static DropReason CheckAddressing(InstanceSettings settings, IpAddr destination)
    {
        if (destination.IsUnspecified) return DropReason.None;
        if (settings.HasUnicastPeers == destination.IsMulticast) return DropReason.AddressingMismatch;
        if (destination.IsMulticast && !settings.MulticastGroup.IsUnspecified && destination != settings.MulticastGroup) return DropReason.GroupMismatch;
        return DropReason.None;
    }

    private static bool IsUnicastPeer(InstanceSettings settings, IpAddr source)
    {
        foreach (var p in settings.UnicastPeers.AsSpan())
            if (p == source) return true;
        return false;
    }

    /// <summary>Same set of addresses, in any order (keepalived and FRR do not insist on order).</summary>
    public static bool AddressListMatches(InstanceSettings settings, in VrrpAdvert advert)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mine = settings.VirtualAddresses;
        if (advert.CountIpAddrs != mine.Length) return false;
        for (int i = 0; i < advert.CountIpAddrs; i++)
        {
            var theirs = advert.Address(i);
            bool found = false;
            for (int j = 0; j < mine.Length && !found; j++) found = mine[j] == theirs;
            if (!found) return false;
        }
        return true;
    }

    /// <summary>RFC 3768 §5.3.7: eight bytes, zero padded; a shorter configured password is padded here.</summary>
    public static bool AuthDataMatches(InstanceSettings settings, ReadOnlySpan<byte> received)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mine = settings.AuthData.AsSpan();
        if (received.Length != 8) return false;
        for (int i = 0; i < 8; i++)
        {
            byte expected = i < mine.Length ? mine[i] : (byte)0;
            if (received[i] != expected) return false;
        }
        return true;
    }
}
