using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Operations;

/// <summary>vrrpv3StatisticsNewMasterReason (RFC 6527).</summary>
public enum NewMasterReason
{
    /// <summary>The router never became master.</summary>
    NotMaster = 0,

    /// <summary>It became master by priority: the address owner starting (or coming back).</summary>
    Priority = 1,

    /// <summary>It preempted a lower-priority master.</summary>
    Preempted = 2,

    /// <summary>The master went silent (Master_Down_Timer), or a sync group followed one that did.</summary>
    MasterNoResponse = 3,
}

/// <summary>vrrpv3StatisticsProtoErrReason (RFC 6527).</summary>
public enum ProtoErrReason
{
    /// <summary>No protocol error seen.</summary>
    NoError = 0,

    /// <summary>TTL / hop limit not 255.</summary>
    IpTtlError = 1,

    /// <summary>Unknown or unsupported version.</summary>
    VersionError = 2,

    /// <summary>Bad checksum.</summary>
    ChecksumError = 3,

    /// <summary>VRID not valid for this router.</summary>
    VrIdError = 4,
}

/// <summary>
/// One row of RFC 6527's vrrpv3StatisticsTable for one running instance, mapped from the counters
/// the core and the host keep. The ONE place where that mapping lives: the control socket's
/// <c>status --json</c> uses it, and SNMP or Prometheus exporters should too. A plain struct,
/// filled without allocating (see <see cref="Fill"/>).
/// </summary>
/// <remarks>
/// Mapping decisions (docs/operations.md repeats them):
/// <list type="bullet">
/// <item>RcvdAdvertisements: every advert that reached this instance (accepted, or discarded by the
/// instance's checks or its unicast-peer filter); a lower-priority advert is counted once although
/// the instance reports it both accepted and discarded.</item>
/// <item>RcvdInvalidTypePackets and PacketLengthErrors are found by the codec before the VRID is
/// trusted, so they are counted per socket (interface and family) and every instance on that socket
/// reports its socket's figure.</item>
/// <item>AddressListErrors: v2 discards plus v3 adverts accepted with a differing list (v3 only logs).</item>
/// <item>ProtoErrReason: the last protocol error the instance itself saw (TTL, version, VRID);
/// checksum errors happen before demultiplexing and appear in the router-wide counters only.</item>
/// <item>RowDiscontinuityTime: milliseconds from daemon start to the row's creation; 0 for
/// instances started with the daemon, the reload time for instances a reload created.</item>
/// <item>RefreshRate: the counters are read live, so the advertisement interval in milliseconds,
/// the fastest they can meaningfully change.</item>
/// </list>
/// </remarks>
public struct Rfc6527Row
{
    /// <summary>vrrpv3StatisticsMasterTransitions.</summary>
    public long MasterTransitions;

    /// <summary>vrrpv3StatisticsNewMasterReason.</summary>
    public NewMasterReason NewMasterReason;

    /// <summary>vrrpv3StatisticsRcvdAdvertisements.</summary>
    public long RcvdAdvertisements;

    /// <summary>vrrpv3StatisticsAdvIntervalErrors.</summary>
    public long AdvIntervalErrors;

    /// <summary>vrrpv3StatisticsIpTtlErrors.</summary>
    public long IpTtlErrors;

    /// <summary>vrrpv3StatisticsProtoErrReason.</summary>
    public ProtoErrReason ProtoErrReason;

    /// <summary>vrrpv3StatisticsRcvdPriZeroPackets.</summary>
    public long RcvdPriZeroPackets;

    /// <summary>vrrpv3StatisticsSentPriZeroPackets.</summary>
    public long SentPriZeroPackets;

    /// <summary>vrrpv3StatisticsRcvdInvalidTypePackets (per socket, see remarks).</summary>
    public long RcvdInvalidTypePackets;

    /// <summary>vrrpv3StatisticsAddressListErrors.</summary>
    public long AddressListErrors;

    /// <summary>vrrpv3StatisticsPacketLengthErrors (per socket, see remarks).</summary>
    public long PacketLengthErrors;

    /// <summary>vrrpv3StatisticsRowDiscontinuityTime, milliseconds since the daemon started.</summary>
    public long RowDiscontinuityTimeMs;

    /// <summary>vrrpv3StatisticsRefreshRate, milliseconds.</summary>
    public long RefreshRateMs;

    /// <summary>Fills the row of <paramref name="host"/>; <paramref name="createdAt"/> is when the
    /// instance was adopted and <paramref name="daemonStartedAt"/> when the daemon started.</summary>
    public static void Fill(InstanceHost host, MonoTime createdAt, MonoTime daemonStartedAt, out Rfc6527Row row)
    {
        var i = host.Instance;
        var drops = i.DropCounts;
        var linkDrops = host.Link.Drops;
        long discarded = 0;
        for (int r = 1; r < drops.Length; r++)
            if ((DropReason)r != DropReason.LowerPriority) discarded += drops[r];
        row = new Rfc6527Row
        {
            MasterTransitions = i.BecameMaster,
            NewMasterReason = MasterReason(host.LastMasterReason),
            RcvdAdvertisements = i.AdvertsAccepted + discarded,
            AdvIntervalErrors = drops[(int)DropReason.IntervalMismatch],
            IpTtlErrors = drops[(int)DropReason.BadTtl],
            ProtoErrReason = ProtocolError(i.LastProtocolError),
            RcvdPriZeroPackets = i.PriorityZeroReceived,
            SentPriZeroPackets = i.PriorityZeroSent,
            RcvdInvalidTypePackets = linkDrops[(int)DropReason.BadType],
            AddressListErrors = drops[(int)DropReason.AddressListMismatch] + i.MismatchCounts[(int)DropReason.AddressListMismatch],
            PacketLengthErrors = linkDrops[(int)DropReason.TooShort] + linkDrops[(int)DropReason.BadLength],
            RowDiscontinuityTimeMs = createdAt <= daemonStartedAt ? 0 : createdAt.NanosecondsSince(daemonStartedAt) / 1_000_000,
            RefreshRateMs = i.Settings.AdvertInterval.Milliseconds,
        };
    }

    /// <summary>RFC 6527's reason for the last transition to master, from the state machine's.</summary>
    public static NewMasterReason MasterReason(StateChangeReason reason) => reason switch
    {
        StateChangeReason.None => NewMasterReason.NotMaster,
        StateChangeReason.Preempt => NewMasterReason.Preempted,
        StateChangeReason.MasterDown or StateChangeReason.SyncGroup => NewMasterReason.MasterNoResponse,
        // The owner becomes master by its priority of 255, at start-up and whenever it comes back.
        _ => NewMasterReason.Priority,
    };

    /// <summary>RFC 6527's protocol-error reason for an instance's last protocol error.</summary>
    public static ProtoErrReason ProtocolError(DropReason reason) => reason switch
    {
        DropReason.BadTtl => ProtoErrReason.IpTtlError,
        DropReason.VersionMismatch or DropReason.BadVersion => ProtoErrReason.VersionError,
        DropReason.BadChecksum => ProtoErrReason.ChecksumError,
        DropReason.UnknownVrid or DropReason.BadVrid => ProtoErrReason.VrIdError,
        _ => ProtoErrReason.NoError,
    };
}

/// <summary>RFC 6527's router-wide counters (vrrpv3RouterChecksumErrors, vrrpv3RouterVersionErrors,
/// vrrpv3RouterVrIdErrors), summed over every VRRP socket and instance. Filled without allocating.</summary>
public struct Rfc6527Router
{
    /// <summary>vrrpv3RouterChecksumErrors.</summary>
    public long ChecksumErrors;

    /// <summary>vrrpv3RouterVersionErrors: unknown version numbers at the socket, and adverts of the
    /// other VRRP version at an instance.</summary>
    public long VersionErrors;

    /// <summary>vrrpv3RouterVrIdErrors: VRID 0, and VRIDs no instance is configured for.</summary>
    public long VrIdErrors;

    /// <summary>Sums the counters of <paramref name="links"/> and <paramref name="hosts"/>.</summary>
    public static void Fill(ReadOnlySpan<VrrpLink> links, ReadOnlySpan<InstanceHost> hosts, out Rfc6527Router router)
    {
        router = default;
        foreach (var l in links)
        {
            var d = l.Drops;
            router.ChecksumErrors += d[(int)DropReason.BadChecksum];
            router.VersionErrors += d[(int)DropReason.BadVersion];
            router.VrIdErrors += d[(int)DropReason.UnknownVrid] + d[(int)DropReason.BadVrid];
        }
        foreach (var h in hosts)
        {
            router.VersionErrors += h.Instance.DropCount(DropReason.VersionMismatch);
            router.VrIdErrors += h.Instance.DropCount(DropReason.UnknownVrid);
        }
    }
}
