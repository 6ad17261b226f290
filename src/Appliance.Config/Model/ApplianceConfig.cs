using System.Collections.Immutable;
using Appliance.Board;
using Appliance.Heartbeat;

namespace Appliance.Config.Model;

/// <summary>
/// The one validated, immutable configuration both readers (keepalived.conf and TOML) produce.
/// A reload builds a new one and swaps it in only when it is valid.
/// </summary>
public sealed record ApplianceConfig
{
    /// <summary>global_defs.</summary>
    public GlobalSettings Global { get; init; } = new();

    /// <summary>vrrp_instance blocks, in file order.</summary>
    public ImmutableArray<VrrpInstanceConfig> Instances { get; init; } = [];

    /// <summary>vrrp_sync_group blocks.</summary>
    public ImmutableArray<SyncGroupConfig> SyncGroups { get; init; } = [];

    /// <summary>vrrp_script blocks.</summary>
    public ImmutableArray<TrackScriptConfig> Scripts { get; init; } = [];

    /// <summary>track_file blocks.</summary>
    public ImmutableArray<TrackFileConfig> TrackFiles { get; init; } = [];

    /// <summary>vrrp_track_process blocks.</summary>
    public ImmutableArray<TrackProcessConfig> TrackProcesses { get; init; } = [];

    /// <summary>Our extension: the second heartbeat paths.</summary>
    public HeartbeatSettings Heartbeat { get; init; } = new();

    /// <summary>Our extension: board, LEDs and watchdog.</summary>
    public BoardSettings Board { get; init; } = new();

    /// <summary>Where the heartbeat settings were written (for messages about channels).</summary>
    public SourceLocation HeartbeatLocation { get; init; }

    /// <summary>Where the board settings were written.</summary>
    public SourceLocation BoardLocation { get; init; }

    /// <summary>Interfaces named with <c>dev NAME</c> in blocks appliance reads but does not act on
    /// (static_ipaddress, static_routes, static_rules, virtual_routes, virtual_rules), with where: keepalived
    /// -t complains when one does not exist, so check does too. Not part of equality (it changes nothing the
    /// daemon does), like the locations.</summary>
    public ImmutableArray<InterfaceMention> OtherInterfaces { get; init; } = [];

    /// <summary>Value equality of the whole configuration, arrays by their items, without locations.</summary>
    public bool Equals(ApplianceConfig? other) =>
        other is not null && Global == other.Global && ValueEquality.Sequence(Instances, other.Instances)
        && ValueEquality.Sequence(SyncGroups, other.SyncGroups) && ValueEquality.Sequence(Scripts, other.Scripts)
        && ValueEquality.Sequence(TrackFiles, other.TrackFiles) && ValueEquality.Sequence(TrackProcesses, other.TrackProcesses) && ValueEquality.Heartbeat(Heartbeat, other.Heartbeat) && Board == other.Board;

    /// <summary>Consistent with <see cref="Equals(ApplianceConfig?)"/>.</summary>
    public override int GetHashCode() =>
        HashCode.Combine(Global, ValueEquality.Hash(Instances), ValueEquality.Hash(SyncGroups), ValueEquality.Hash(Scripts),
            ValueEquality.Hash(TrackFiles), ValueEquality.HeartbeatHash(Heartbeat), Board);
}

/// <summary>An interface name written in the configuration, and where.</summary>
public sealed record InterfaceMention(string Name, SourceLocation Location);
