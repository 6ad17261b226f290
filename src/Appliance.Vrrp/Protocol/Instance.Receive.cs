using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Protocol;

/// <summary>The receive side: the semantic checks of RFC 9568 §7.1 / RFC 3768 §7.1, then the
/// advert rules of §6.4.2 (Backup) and §6.4.3 (Master).</summary>
public sealed partial class Instance
{
    // Set when a Backup in preempt mode discards a lower-priority master's advert, so the
    // takeover that follows is reported as a preemption rather than a dead master.
    private bool _discardedLowerPriority;

    private void OnAdvert(in InstanceInput input, MonoTime now, ActionBuffer actions)
    {
        var advert = input.Advert;
        var reason = Check(input, advert);
        if (reason != DropReason.None)
        {
            Drop(reason, actions);
            return;
        }
        AdvertsAccepted++;
        ReportFirstAddressNotLinkLocal(advert, actions);
        if (State == VrrpState.Backup) OnAdvertAsBackup(advert, input.Source, now, actions);
        else if (State == VrrpState.Master) OnAdvertAsMaster(advert, input.Source, now, actions);
        // Last, so whoever the host tells (the split-brain arbiter) already sees our new state: a
        // master stepping down to a stronger one is not a dual master for a moment.
        actions.Add(new InstanceAction(ActionKind.AdvertAccepted, advert.Priority, State, State,
            Address: input.Source, Interval: advert.MaxAdvertInterval));
    }

    // Backup and Master listen. So does a Fault held only by the arbiter's LAN fault: its adverts
    // are checked and reported (AdvertAccepted), never acted on, so the arbiter hears the LAN heal.
    private bool Listening =>
        State is VrrpState.Backup or VrrpState.Master
        || (State == VrrpState.Fault && FaultHeldBy() == StateChangeReason.LanFault);

    // The order follows RFC 3768 §7.1 (v2) and RFC 9568 §7.1 (v3): TTL, version, VRID and owner,
    // authentication, address list, interval. The codec has already checked syntax; TTL is
    // checked again here because for IPv6 the hop limit arrives beside the packet, not in it.
    private DropReason Check(in InstanceInput input, in VrrpAdvert advert)
    {
        if (!Listening) return DropReason.NotListening;
        // RFC 9568 §7.1: TTL/hop limit 255, so only an on-link router can speak. keepalived skips
        // the rule for an instance with unicast peers (they may be routed hops away). The rule
        // follows the instance, never the packet: a multicast instance applies it to adverts sent
        // to our own address too, or an off-link sender could take mastership away.
        if (!Settings.HasUnicastPeers && input.Ttl != VrrpCodec.RequiredTtl) return DropReason.BadTtl;
        if (advert.Vrid != Settings.Vrid || advert.Family != Settings.Family) return DropReason.UnknownVrid;
        var addressing = CheckAddressing(input.Destination);
        if (addressing != DropReason.None) return addressing;
        // RFC 9568 §5.1.2.1: an IPv6 advert comes from the sender's link-local address; an instance
        // with unicast peers hears them at whatever address they are configured with (keepalived).
        if (advert.Family == IpFamily.IPv6 && !Settings.HasUnicastPeers && !input.Source.IsIPv6LinkLocal) return DropReason.NotLinkLocal;
        if (advert.Version != Settings.Version) return DropReason.VersionMismatch;
        // Our own advert looped back (multicast loop, or a bridge echoing it).
        if (input.Source == _primary) return DropReason.OwnPacket;
        // keepalived's check_unicast_src: only the configured peers are heard. Without it, any
        // source is (keepalived's default), so a peer whose address changed is not locked out.
        if (Settings.HasUnicastPeers && Settings.CheckUnicastSource && !IsUnicastPeer(input.Source)) return DropReason.UnknownPeer;
        if (IsOwner) return DropReason.WeAreOwner;
        if (Settings.Version == VrrpVersion.V2)
        {
            if (advert.AuthType != Settings.AuthType) return DropReason.AuthTypeMismatch;
            if (advert.AuthType == AuthType.SimpleText && !AuthDataMatches(advert.AuthData)) return DropReason.AuthDataMismatch;
            // RFC 3768 §7.1: a differing address list is dropped unless the owner sent it.
            if (advert.Priority != 255 && !AddressListMatches(advert)) return DropReason.AddressListMismatch;
            // RFC 3768 §7.1: v2 has no interval learning, so a differing interval is a discard.
            // Compared in wire units: a fractional setting goes out rounded to whole seconds.
            if (advert.MaxAdvertInterval != _v2WireInterval) return DropReason.IntervalMismatch;
            return DropReason.None;
        }
        // RFC 9568 §7.1: an advert with no addresses is ignored.
        if (advert.CountIpAddrs == 0) return DropReason.NoAddresses;
        if (advert.MaxAdvertInterval.Value <= 0) return DropReason.ZeroInterval;
        return DropReason.None;
    }

    // keepalived keeps one socket per (interface, family, multicast group or unicast), so an
    // instance only ever sees adverts addressed its way; ours share one socket per interface and
    // family, and the destination decides here. A multicast instance hears its own group only
    // (mcast_dst_ip, or the global vrrp_mcast_group4/6), never a unicast advert; an instance with
    // unicast peers never hears a multicast one (keepalived's "Expected unicast packet but received
    // multicast packet"). An unknown destination (default) is not checked.
    private DropReason CheckAddressing(IpAddr destination)
    {
        if (destination.IsUnspecified) return DropReason.None;
        if (Settings.HasUnicastPeers == destination.IsMulticast) return DropReason.AddressingMismatch;
        if (destination.IsMulticast && !Settings.MulticastGroup.IsUnspecified && destination != Settings.MulticastGroup) return DropReason.GroupMismatch;
        return DropReason.None;
    }

    // RFC 9568 §6.4.2.
    private void OnAdvertAsBackup(in VrrpAdvert advert, IpAddr source, MonoTime now, ActionBuffer actions)
    {
        ReportV3AddressMismatch(advert, actions);
        if (advert.Priority == 0)
        {
            // The master is leaving: take over after Skew_Time, so the highest priority goes first.
            PriorityZeroReceived++;
            MasterAddress = source;
            MasterPriority = 0;
            _timer = now + SkewTime;
            return;
        }
        bool preemptActive = Settings.Preempt && now >= _preemptAllowedAt;
        if (!preemptActive || advert.Priority >= EffectivePriority)
        {
            if (Settings.Version == VrrpVersion.V3) MasterAdverInterval = advert.MaxAdvertInterval;
            MasterAddress = source;
            MasterPriority = advert.Priority;
            _discardedLowerPriority = false;
            _timer = now + MasterDownInterval;
            return;
        }
        // The RFC's preemption: ignore the weaker master and take over when the timer fires.
        // keepalived takes over at once; PreemptAtOnce chooses that (docs/state-machine.md).
        _discardedLowerPriority = true;
        Drop(DropReason.LowerPriority, actions);
        if (Settings.PreemptAtOnce) BecomeMaster(now, StateChangeReason.Preempt, actions);
    }

    // RFC 9568 §6.4.3.
    private void OnAdvertAsMaster(in VrrpAdvert advert, IpAddr source, MonoTime now, ActionBuffer actions)
    {
        ReportV3AddressMismatch(advert, actions);
        if (advert.Priority == 0)
        {
            // Another master is leaving: assert ourselves at once so backups do not wait.
            PriorityZeroReceived++;
            SendAdvert(EffectivePriority, actions);
            _timer = now.Add(Settings.AdvertInterval);
            return;
        }
        if (advert.Priority > EffectivePriority || (advert.Priority == EffectivePriority && source > _primary))
        {
            // keepalived's higher_prio_send_advert: one last advert with our priority, first.
            if (Settings.AdvertOnHigherPriority) SendAdvert(EffectivePriority, actions);
            if (Settings.Version == VrrpVersion.V3) MasterAdverInterval = advert.MaxAdvertInterval;
            MasterAddress = source;
            MasterPriority = advert.Priority;
            BecomeBackup(now, StateChangeReason.HigherPriorityAdvert, actions);
            return;
        }
        Drop(DropReason.LowerPriority, actions);
        // RFC 9568 §6.4.3 (new since RFC 5798): assert mastership to the sender and to learning
        // bridges at once. The Adver_Timer is not reset, as the RFC only resets it on priority 0.
        if (Settings.AdvertOnLowerPriority) SendAdvert(EffectivePriority, actions);
        // keepalived's vrrp_state_master_rx, after its advert: re-announce, notify.
        actions.Add(new InstanceAction(ActionKind.LowerPriorityHeard, advert.Priority, State, State, Address: source));
    }

    // RFC 9568 §5.2.9 wants the link-local VIP first; keepalived and FRR put the global one first
    // unless the user lists a link-local one, and §7.1 makes the check a MAY. Count every such
    // advert; report the first one, so the host logs the deviation once.
    private void ReportFirstAddressNotLinkLocal(in VrrpAdvert advert, ActionBuffer actions)
    {
        if (advert.Family != IpFamily.IPv6 || advert.CountIpAddrs == 0 || advert.Address(0).IsIPv6LinkLocal) return;
        if (_mismatches[(int)DropReason.FirstAddressNotLinkLocal]++ == 0)
            actions.Add(new InstanceAction(ActionKind.ConfigMismatch, advert.Priority, Drop: DropReason.FirstAddressNotLinkLocal));
    }

    private void ReportV3AddressMismatch(in VrrpAdvert advert, ActionBuffer actions)
    {
        if (Settings.Version != VrrpVersion.V3 || AddressListMatches(advert)) return;
        _mismatches[(int)DropReason.AddressListMismatch]++;
        actions.Add(new InstanceAction(ActionKind.ConfigMismatch, advert.Priority, Drop: DropReason.AddressListMismatch));
    }

    private bool IsUnicastPeer(IpAddr source)
    {
        foreach (var p in Settings.UnicastPeers.AsSpan())
            if (p == source) return true;
        return false;
    }

    // Same set of addresses, in any order (keepalived and FRR do not insist on order).
    private bool AddressListMatches(in VrrpAdvert advert)
    {
        var mine = Settings.VirtualAddresses;
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

    // RFC 3768 §5.3.7: eight bytes, zero padded; a shorter configured password is padded here.
    private bool AuthDataMatches(ReadOnlySpan<byte> received)
    {
        var mine = Settings.AuthData.AsSpan();
        if (received.Length != 8) return false;
        for (int i = 0; i < 8; i++)
        {
            byte expected = i < mine.Length ? mine[i] : (byte)0;
            if (received[i] != expected) return false;
        }
        return true;
    }

    private void Drop(DropReason reason, ActionBuffer actions)
    {
        _drops[(int)reason]++;
        actions.Add(new InstanceAction(ActionKind.Dropped, EffectivePriority, State, State, Drop: reason));
    }
}
