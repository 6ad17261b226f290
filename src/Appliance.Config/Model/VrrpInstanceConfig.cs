using System.Collections.Immutable;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Config.Model;

/// <summary>A configured vrrp_instance: the protocol settings plus everything the data plane needs.</summary>
public sealed record VrrpInstanceConfig
{
    /// <summary>The protocol part handed to the state machine.</summary>
    public required InstanceSettings Protocol { get; init; }

    /// <summary>The interface adverts are sent on (keepalived's <c>interface</c>).</summary>
    public required string Interface { get; init; }

    /// <summary>virtual_ipaddress entries.</summary>
    public ImmutableArray<VirtualAddress> VirtualAddresses { get; init; } = [];

    /// <summary>virtual_ipaddress_excluded entries (added and removed with the VIPs, not advertised).</summary>
    public ImmutableArray<VirtualAddress> ExcludedAddresses { get; init; } = [];

    /// <summary>virtual_routes, as raw text lines (bound later).</summary>
    public ImmutableArray<string> VirtualRoutes { get; init; } = [];

    /// <summary>unicast_src_ip; null: the interface's primary address.</summary>
    public IpAddr? UnicastSource { get; init; }

    /// <summary>unicast_peer addresses; empty: multicast.</summary>
    public ImmutableArray<IpAddr> UnicastPeers { get; init; } = [];

    /// <summary>unicast_ttl: the TTL / hop limit of adverts sent to unicast peers; null: 255.</summary>
    public int? UnicastTtl { get; init; }

    /// <summary>use_vmac: advertise from a macvlan with the virtual MAC.</summary>
    public bool UseVmac { get; init; }

    /// <summary>The VMAC interface name (keepalived default vrrp.VRID).</summary>
    public string? VmacInterface { get; init; }

    /// <summary>track_interface entries with optional weights.</summary>
    public ImmutableArray<TrackRef> TrackInterfaces { get; init; } = [];

    /// <summary>track_script references with optional weights.</summary>
    public ImmutableArray<TrackRef> TrackScripts { get; init; } = [];

    /// <summary>track_file references with optional weights.</summary>
    public ImmutableArray<TrackRef> TrackFiles { get; init; } = [];

    /// <summary>track_process references with optional weights.</summary>
    public ImmutableArray<TrackRef> TrackProcesses { get; init; } = [];

    /// <summary>notify scripts.</summary>
    public NotifyConfig Notify { get; init; } = new();

    /// <summary>Per-instance GARP overrides; null: the global ones.</summary>
    public GarpSettings? Garp { get; init; }

    /// <summary>smtp_alert for this instance.</summary>
    public bool SmtpAlert { get; init; }

    /// <summary>mcast_dst_ip: another multicast group than the global one; null: the global group.</summary>
    public IpAddr? MulticastDestination { get; init; }

    /// <summary>check_unicast_src: drop unicast adverts whose source is not one of the peers.</summary>
    public bool CheckUnicastSource { get; init; }

    /// <summary>dont_track_primary: ignore faults of the instance's own interface.</summary>
    public bool DontTrackPrimary { get; init; }

    /// <summary>Where in which file this instance was defined, for messages.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Value equality, arrays by their items, without <see cref="Location"/>: reload compares
    /// instances with it, and one that only moved in the file is unchanged.</summary>
    public bool Equals(VrrpInstanceConfig? other) =>
        other is not null && ValueEquality.Protocol(Protocol, other.Protocol) && Interface == other.Interface
        && ValueEquality.Sequence(VirtualAddresses, other.VirtualAddresses) && ValueEquality.Sequence(ExcludedAddresses, other.ExcludedAddresses)
        && ValueEquality.Sequence(VirtualRoutes, other.VirtualRoutes) && UnicastSource == other.UnicastSource
        && ValueEquality.Sequence(UnicastPeers, other.UnicastPeers) && UnicastTtl == other.UnicastTtl && UseVmac == other.UseVmac && VmacInterface == other.VmacInterface
        && ValueEquality.Sequence(TrackInterfaces, other.TrackInterfaces) && ValueEquality.Sequence(TrackScripts, other.TrackScripts)
        && ValueEquality.Sequence(TrackFiles, other.TrackFiles) && ValueEquality.Sequence(TrackProcesses, other.TrackProcesses) && Notify == other.Notify && Garp == other.Garp && SmtpAlert == other.SmtpAlert
        && MulticastDestination == other.MulticastDestination && CheckUnicastSource == other.CheckUnicastSource && DontTrackPrimary == other.DontTrackPrimary;

    /// <summary>Consistent with <see cref="Equals(VrrpInstanceConfig?)"/>.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(ValueEquality.ProtocolHash(Protocol), Interface, ValueEquality.Hash(VirtualAddresses), ValueEquality.Hash(UnicastPeers),
            ValueEquality.Hash(TrackScripts), Notify, Garp, HashCode.Combine(UseVmac, VmacInterface, UnicastSource, MulticastDestination));
}

/// <summary>A virtual address with its keepalived options.</summary>
public sealed record VirtualAddress
{
    /// <summary>Address and prefix (default /32 or /128 when none is given).</summary>
    public required IpPrefix Prefix { get; init; }

    /// <summary><c>dev</c>: another interface than the instance's.</summary>
    public string? Device { get; init; }

    /// <summary><c>label</c>.</summary>
    public string? Label { get; init; }

    /// <summary><c>scope</c> (global, site, link, host, nowhere).</summary>
    public string? Scope { get; init; }

    /// <summary><c>brd</c>, IPv4 broadcast.</summary>
    public IpAddr? Broadcast { get; init; }

    /// <summary><c>no_track</c>.</summary>
    public bool NoTrack { get; init; }

    /// <summary>Where the address was written, for messages.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Value equality without <see cref="Location"/>.</summary>
    public bool Equals(VirtualAddress? other) =>
        other is not null && Prefix == other.Prefix && Device == other.Device && Label == other.Label && Scope == other.Scope
        && Broadcast == other.Broadcast && NoTrack == other.NoTrack;

    /// <summary>Consistent with <see cref="Equals(VirtualAddress?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Prefix, Device, Label, Scope, Broadcast, NoTrack);
}

/// <summary>A reference to a tracked thing with an optional weight.</summary>
public sealed record TrackRef(string Name, int Weight = 0, bool Reverse = false);

/// <summary>notify, notify_master, notify_backup, notify_fault, notify_stop, notify_master_rx_lower_pri.</summary>
public sealed record NotifyConfig
{
    /// <summary>Generic notify script: called with TYPE NAME STATE PRIORITY.</summary>
    public string? Notify { get; init; }

    /// <summary>notify_master.</summary>
    public string? Master { get; init; }

    /// <summary>notify_backup.</summary>
    public string? Backup { get; init; }

    /// <summary>notify_fault.</summary>
    public string? Fault { get; init; }

    /// <summary>notify_stop.</summary>
    public string? Stop { get; init; }

    /// <summary>notify_master_rx_lower_pri: run when a master hears a lower-priority advert.</summary>
    public string? MasterRxLowerPriority { get; init; }
}

/// <summary>vrrp_sync_group.</summary>
public sealed record SyncGroupConfig
{
    /// <summary>Group name.</summary>
    public required string Name { get; init; }

    /// <summary>Member instance names.</summary>
    public ImmutableArray<string> Instances { get; init; } = [];

    /// <summary>Group notify scripts.</summary>
    public NotifyConfig Notify { get; init; } = new();

    /// <summary>smtp_alert for the group.</summary>
    public bool SmtpAlert { get; init; }

    /// <summary>sync_group_tracking_weight: members' tracker weights act; without it keepalived
    /// treats every weight of a member's trackers as 0 (a failure is a FAULT of the group).</summary>
    public bool TrackingWeight { get; init; }

    /// <summary>Where the group was defined, for messages.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Value equality, members by their names in order, without <see cref="Location"/>.</summary>
    public bool Equals(SyncGroupConfig? other) =>
        other is not null && Name == other.Name && ValueEquality.Sequence(Instances, other.Instances) && Notify == other.Notify && SmtpAlert == other.SmtpAlert;

    /// <summary>Consistent with <see cref="Equals(SyncGroupConfig?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Name, ValueEquality.Hash(Instances), Notify, SmtpAlert);
}

/// <summary>vrrp_script.</summary>
public sealed record TrackScriptConfig
{
    /// <summary>Script name.</summary>
    public required string Name { get; init; }

    /// <summary>script: the command line.</summary>
    public required string Script { get; init; }

    /// <summary>interval in seconds (default 1).</summary>
    public int IntervalSeconds { get; init; } = 1;

    /// <summary>timeout in seconds (default: the interval).</summary>
    public int TimeoutSeconds { get; init; }

    /// <summary>weight (-253..253).</summary>
    public int Weight { get; init; }

    /// <summary>rise.</summary>
    public int Rise { get; init; } = 1;

    /// <summary>fall.</summary>
    public int Fall { get; init; } = 1;

    /// <summary>user.</summary>
    public string? User { get; init; }

    /// <summary><c>weight N reverse</c>: the script's default direction for track_script references.</summary>
    public bool Reverse { get; init; }

    /// <summary>init_fail: the script starts in the failed state rather than pending.</summary>
    public bool InitFail { get; init; }

    /// <summary>Where the script was defined, for messages.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Value equality without <see cref="Location"/>.</summary>
    public bool Equals(TrackScriptConfig? other) =>
        other is not null && Name == other.Name && Script == other.Script && IntervalSeconds == other.IntervalSeconds && TimeoutSeconds == other.TimeoutSeconds
        && Weight == other.Weight && Rise == other.Rise && Fall == other.Fall && User == other.User;

    /// <summary>Consistent with <see cref="Equals(TrackScriptConfig?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Name, Script, IntervalSeconds, TimeoutSeconds, Weight, Rise, Fall, User);
}

/// <summary>track_file.</summary>
public sealed record TrackFileConfig
{
    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>file path.</summary>
    public required string File { get; init; }

    /// <summary>weight.</summary>
    public int Weight { get; init; } = 1;

    /// <summary>init_file VALUE: the value written when the file is missing (or always with
    /// <see cref="InitFileOverwrite"/>); null when init_file is not given.</summary>
    public long? InitFile { get; init; }

    /// <summary>init_file ... overwrite.</summary>
    public bool InitFileOverwrite { get; init; }

    /// <summary>Where the track file was defined, for messages.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Value equality without <see cref="Location"/>.</summary>
    public bool Equals(TrackFileConfig? other) => other is not null && Name == other.Name && File == other.File && Weight == other.Weight;

    /// <summary>Consistent with <see cref="Equals(TrackFileConfig?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Name, File, Weight);
}

/// <summary>vrrp_track_process: which processes to count and how many make the quorum.</summary>
public sealed record TrackProcessConfig
{
    /// <summary>The block's name.</summary>
    public required string Name { get; init; }

    /// <summary>process: the comm, or argv[0] with <see cref="FullCommand"/>.</summary>
    public required string Process { get; init; }

    /// <summary>The parameters that followed the process name (matched per <see cref="ParamMatch"/>).</summary>
    public ImmutableArray<string> Parameters { get; init; } = [];

    /// <summary>param_match: null when not given ("exact" when parameters are, else any).</summary>
    public string? ParamMatch { get; init; }

    /// <summary>weight.</summary>
    public int Weight { get; init; }

    /// <summary>weight ... reverse.</summary>
    public bool Reverse { get; init; }

    /// <summary>quorum.</summary>
    public int Quorum { get; init; } = 1;

    /// <summary>quorum_max; null: no limit.</summary>
    public int? QuorumMax { get; init; }

    /// <summary>fork_delay.</summary>
    public Centiseconds ForkDelay { get; init; }

    /// <summary>terminate_delay.</summary>
    public Centiseconds TerminateDelay { get; init; }

    /// <summary>full_command (also implied by parameters or param_match).</summary>
    public bool FullCommand { get; init; }

    /// <summary>Where the block was defined, for messages.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Value equality without <see cref="Location"/>.</summary>
    public bool Equals(TrackProcessConfig? other) =>
        other is not null && Name == other.Name && Process == other.Process && ValueEquality.Sequence(Parameters, other.Parameters)
        && ParamMatch == other.ParamMatch && Weight == other.Weight && Reverse == other.Reverse && Quorum == other.Quorum
        && QuorumMax == other.QuorumMax && ForkDelay == other.ForkDelay && TerminateDelay == other.TerminateDelay && FullCommand == other.FullCommand;

    /// <summary>Consistent with <see cref="Equals(TrackProcessConfig?)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Name, Process, Weight, Quorum, QuorumMax, ForkDelay, TerminateDelay);
}
