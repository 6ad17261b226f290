using System.Collections.Immutable;
using Appliance.Vrrp.Wire;

namespace Appliance.Vrrp.Protocol;

/// <summary>
/// What the state machine needs to know about one virtual router: the protocol part of a
/// configured instance. Immutable; a reload builds a new one. Data-plane details (interface,
/// prefixes, labels, GARP knobs, VMAC) live in the configuration model, not here.
/// </summary>
public sealed record InstanceSettings
{
    /// <summary>The instance name (keepalived's <c>vrrp_instance NAME</c>), used in logs and notify lines.</summary>
    public required string Name { get; init; }

    /// <summary>Virtual router id, 1..255.</summary>
    public required byte Vrid { get; init; }

    /// <summary>Protocol version; v2 is IPv4 only.</summary>
    public VrrpVersion Version { get; init; } = VrrpVersion.V3;

    /// <summary>Address family of the instance.</summary>
    public IpFamily Family { get; init; } = IpFamily.IPv4;

    /// <summary>Configured priority: 1..254, or 255 for the address owner. Default 100 (RFC 9568 §5.2.4).</summary>
    public byte Priority { get; init; } = 100;

    /// <summary>Advertisement_Interval (v2, whole seconds × 100) or Max_Advertise_Interval (v3). Default 1 s.</summary>
    public Centiseconds AdvertInterval { get; init; } = Centiseconds.FromSeconds(1);

    /// <summary>Preempt_Mode (RFC 9568 §6.1): a higher-priority backup takes over from a lower-priority master.</summary>
    public bool Preempt { get; init; } = true;

    /// <summary>keepalived's <c>preempt_delay</c>: after start-up, wait this long before preempting.</summary>
    public Centiseconds PreemptDelay { get; init; } = Centiseconds.Zero;

    /// <summary>Accept_Mode (RFC 9568 §6.1): a non-owner master accepts packets addressed to the VIPs.</summary>
    public bool AcceptMode { get; init; }

    /// <summary>The addresses carried in adverts (for IPv6 the first must be link-local). Compared with
    /// received lists under v2's rule.</summary>
    public ImmutableArray<IpAddr> VirtualAddresses { get; init; } = [];

    /// <summary>v2 authentication type.</summary>
    public AuthType AuthType { get; init; } = AuthType.None;

    /// <summary>v2 simple-text password, exactly 8 bytes zero padded, or empty.</summary>
    public ImmutableArray<byte> AuthData { get; init; } = [];

    /// <summary>How to checksum v3 IPv4 adverts on send; the default talks to keepalived and FRR.</summary>
    public ChecksumForm V3Ipv4SendChecksum { get; init; } = ChecksumForm.PseudoHeader;

    /// <summary>keepalived's <c>down_timer_adverts</c>: the factor in Master_Down_Interval (RFC: 3).</summary>
    public int DownTimerAdverts { get; init; } = 3;

    /// <summary>RFC 9568 §6.4.3: a master that hears a lower-priority advert sends one at once.
    /// keepalived does this by default; its switch turns it off.</summary>
    public bool AdvertOnLowerPriority { get; init; } = true;

    /// <summary>keepalived's <c>higher_prio_send_advert</c>: a master that hears a higher priority (or an
    /// equal one from a higher address) sends one advert of its own before it becomes Backup, so a
    /// master that had not heard us (a healed split) sees a lower priority and re-announces its
    /// VIPs (its <c>garp_lower_prio_repeat</c>). Off by default, as in keepalived.</summary>
    public bool AdvertOnHigherPriority { get; init; }

    /// <summary>keepalived's <c>state MASTER</c>: a start-up hint. A non-owner still waits for the
    /// master-down timer (as the RFC requires), but with Skew_Time only.</summary>
    public bool StartAsMaster { get; init; }

    /// <summary>keepalived's preemption: a Backup that hears a lower-priority master takes over at
    /// once instead of letting its Master_Down_Timer run out as RFC 9568 §6.4.2 does. Off by
    /// default; the RFC way gives the weaker master a few adverts' grace, which avoids flapping.</summary>
    public bool PreemptAtOnce { get; init; }

    /// <summary>keepalived's <c>unicast_peer</c> block is configured: adverts go to and come from
    /// those peers, possibly across routed hops, so the TTL/hop-limit 255 rule of RFC 9568 §7.1 is
    /// not applied (as keepalived). False (the default, the RFC's multicast instance): every
    /// advert must arrive with 255, whatever address it was sent to. Set from the configuration,
    /// never from what a packet says about itself.</summary>
    public bool HasUnicastPeers { get; init; }

    /// <summary>keepalived's <c>unicast_peer</c> addresses, for <see cref="CheckUnicastSource"/>.</summary>
    public ImmutableArray<IpAddr> UnicastPeers { get; init; } = [];

    /// <summary>keepalived's <c>check_unicast_src</c> (or the global <c>vrrp_check_unicast_src</c>): an
    /// instance with unicast peers drops adverts whose source is not one of <see cref="UnicastPeers"/>.
    /// Off (keepalived's default): an advert from any source is heard.</summary>
    public bool CheckUnicastSource { get; init; }

    /// <summary>The multicast group this instance sends its adverts to and hears them on: keepalived's
    /// <c>mcast_dst_ip</c>, else <c>vrrp_mcast_group4</c>/<c>vrrp_mcast_group6</c>, else 224.0.0.18 /
    /// ff02::12. An advert sent to another group is for another instance (keepalived binds a socket
    /// per group) and is dropped. <c>default</c>: any group is heard (no group check).</summary>
    public IpAddr MulticastGroup { get; init; }

    /// <summary>True when <see cref="Priority"/> is 255: the instance owns the addresses.</summary>
    public bool IsOwner => Priority == 255;
}
