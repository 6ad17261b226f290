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
        _lastHeardAt = now;
        _heardSinceStart = true;
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

    // The state decides whether we listen at all; the rest depends on the configuration only
    // (ReceiveChecks, shared with `appliance trace`). TTL is checked there again because for IPv6
    // the hop limit arrives beside the packet, not in it.
    private DropReason Check(in InstanceInput input, in VrrpAdvert advert) =>
        !Listening ? DropReason.NotListening : ReceiveChecks.Check(Settings, _primary, advert, input.Source, input.Ttl, input.Destination);

    // keepalived keeps one socket per (interface, family, multicast group or unicast), so an
    // instance only ever sees adverts addressed its way; ours share one socket per interface and
    // family, and the destination decides here. A multicast instance hears its own group only
    // (mcast_dst_ip, or the global vrrp_mcast_group4/6), never a unicast advert; an instance with
    // unicast peers never hears a multicast one (keepalived's "Expected unicast packet but received
    // multicast packet"). An unknown destination (default) is not checked.

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
        _weakerAddress = source;
        _weakerPriority = advert.Priority;
        Drop(DropReason.LowerPriority, actions);
        if (Settings.PreemptAtOnce) BecomeMaster(now, StateChangeReason.Preempt, actions, source, advert.Priority, default);
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
            BecomeBackup(now, StateChangeReason.HigherPriorityAdvert, actions, source, advert.Priority);
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
        if (Settings.Version != VrrpVersion.V3 || ReceiveChecks.AddressListMatches(Settings, advert)) return;
        _mismatches[(int)DropReason.AddressListMismatch]++;
        actions.Add(new InstanceAction(ActionKind.ConfigMismatch, advert.Priority, Drop: DropReason.AddressListMismatch));
    }

    private void Drop(DropReason reason, ActionBuffer actions)
    {
        _drops[(int)reason]++;
        if (reason is DropReason.BadTtl or DropReason.VersionMismatch or DropReason.UnknownVrid) LastProtocolError = reason;
        actions.Add(new InstanceAction(ActionKind.Dropped, EffectivePriority, State, State, Drop: reason));
    }
}
