using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Operations.AgentX;

/// <summary>
/// RFC 6527 (VRRPV3-MIB) as OIDs and the rows built from an <see cref="OperationsSnapshot"/>.
/// Read-only: the read-create columns are served but a Set is refused (notWritable).
/// </summary>
internal static class Vrrpv3Mib
{
    /// <summary>vrrpv3MIB ::= { mib-2 207 }.</summary>
    public static readonly Oid Root = new(1, 3, 6, 1, 2, 1, 207);

    /// <summary>vrrpv3NewMaster ::= { vrrpv3Notifications 1 }.</summary>
    public static readonly Oid NewMaster = Root.Append(0, 1);

    /// <summary>vrrpv3ProtoError ::= { vrrpv3Notifications 2 }.</summary>
    public static readonly Oid ProtoError = Root.Append(0, 2);

    // vrrpv3Objects(1) . vrrpv3Operations(1) . vrrpv3OperationsTable(1) . entry(1)
    private static readonly Oid s_operationsEntry = Root.Append(1, 1, 1, 1);
    // vrrpv3Operations(1) . vrrpv3AssociatedIpAddrTable(2) . entry(1)
    private static readonly Oid s_associatedEntry = Root.Append(1, 1, 2, 1);
    // vrrpv3Objects(1) . vrrpv3Statistics(2)
    private static readonly Oid s_statistics = Root.Append(1, 2);
    private static readonly Oid s_statisticsEntry = s_statistics.Append(5, 1);

    /// <summary>Columns of vrrpv3OperationsEntry (1 VrId and 2 InetAddrType are index-only).</summary>
    public const uint MasterIpAddr = 3, PrimaryIpAddr = 4, VirtualMacAddr = 5, Status = 6, Priority = 7, AddrCount = 8,
        AdvInterval = 9, PreemptMode = 10, AcceptMode = 11, UpTime = 12, RowStatus = 13;

    /// <summary>Columns of vrrpv3StatisticsEntry.</summary>
    public const uint MasterTransitions = 1, NewMasterReason = 2, RcvdAdvertisements = 3, AdvIntervalErrors = 4, IpTtlErrors = 5,
        ProtoErrReason = 6, RcvdPriZeroPackets = 7, SentPriZeroPackets = 8, RcvdInvalidTypePackets = 9, AddressListErrors = 10,
        PacketLengthErrors = 11, RowDiscontinuityTime = 12, RefreshRate = 13;

    /// <summary>snmpTrapOID.0 and sysUpTime.0 (SNMPv2-MIB), the first VarBinds of a Notify.</summary>
    public static readonly Oid SnmpTrapOid = new(1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0);
    public static readonly Oid SysUpTime = new(1, 3, 6, 1, 2, 1, 1, 3, 0);

    /// <summary>The row index: ifIndex, VrId, InetAddressType (ipv4(1), ipv6(2)).</summary>
    public static uint[] Index(InstanceCounters i) => [(uint)i.IfIndex, i.Vrid, i.Family == IpFamily.IPv4 ? 1u : 2u];

    public static Oid OperationsColumn(uint column, InstanceCounters i) => s_operationsEntry.Append(column).Append(Index(i));

    public static Oid StatisticsColumn(uint column, InstanceCounters i) => s_statisticsEntry.Append(column).Append(Index(i));

    /// <summary>vrrpv3StatisticsNewMasterReason: notMaster(0), priority(1), preempted(2), masterNoResponse(3).</summary>
    public static int NewMasterReasonOf(InstanceCounters i) => i.BecameMaster == 0 ? 0 : i.LastMasterReason switch
    {
        StateChangeReason.StartupOwner => 1,
        StateChangeReason.Preempt => 2,
        _ => 3,
    };

    /// <summary>Every served object for <paramref name="s"/>; <paramref name="protoErr"/> gives each
    /// row's vrrpv3StatisticsProtoErrReason.</summary>
    public static MibView Build(OperationsSnapshot s, Func<InstanceCounters, int> protoErr)
    {
        var list = new List<VarBind>(s.Instances.Length * 30 + 4);
        long upTicks = s.At.NanosecondsSince(s.StartedAt) / 10_000_000;
        foreach (var i in s.Instances)
        {
            void Op(uint c, SnmpValue v) => list.Add(new VarBind(OperationsColumn(c, i), v));
            void St(uint c, SnmpValue v) => list.Add(new VarBind(StatisticsColumn(c, i), v));
            Op(MasterIpAddr, SnmpValue.Octets(Bytes(i.MasterAddress, i.Family)));
            Op(PrimaryIpAddr, SnmpValue.Octets(Bytes(i.Primary, i.Family)));
            // RFC 9568 §7.3: 00-00-5E-00-01-{VRID} for IPv4, 00-00-5E-00-02-{VRID} for IPv6.
            Op(VirtualMacAddr, SnmpValue.Octets([0x00, 0x00, 0x5E, 0x00, i.Family == IpFamily.IPv4 ? (byte)1 : (byte)2, i.Vrid]));
            Op(Status, SnmpValue.Integer(i.State switch { VrrpState.Master => 3, VrrpState.Backup => 2, _ => 1 }));
            Op(Priority, SnmpValue.Gauge32(i.Priority));
            Op(AddrCount, SnmpValue.Integer(i.Vips.Length));
            Op(AdvInterval, SnmpValue.Integer(i.AdvertInterval.Value));
            Op(PreemptMode, SnmpValue.Integer(i.Preempt ? 1 : 2)); // TruthValue: true(1), false(2)
            Op(AcceptMode, SnmpValue.Integer(i.Accept ? 1 : 2));
            // Time since the daemon started, as we cannot know the master agent's sysUpTime.
            Op(UpTime, SnmpValue.TimeTicks(i.State == VrrpState.Initialize ? 0 : upTicks));
            Op(RowStatus, SnmpValue.Integer(1)); // active(1)

            foreach (var vip in i.Vips)
            {
                var addr = Bytes(vip, i.Family);
                var name = s_associatedEntry.Append(2).Append(Index(i)).Append((uint)addr.Length);
                foreach (var b in addr) name = name.Append(b);
                list.Add(new VarBind(name, SnmpValue.Integer(1))); // vrrpv3AssociatedIpAddrRowStatus active(1)
            }

            St(MasterTransitions, SnmpValue.Counter32(i.BecameMaster));
            St(NewMasterReason, SnmpValue.Integer(NewMasterReasonOf(i)));
            St(RcvdAdvertisements, SnmpValue.Counter64(i.AdvertsReceived));
            St(AdvIntervalErrors, SnmpValue.Counter64(i.Drops[(int)DropReason.IntervalMismatch]));
            St(IpTtlErrors, SnmpValue.Counter64(i.Drops[(int)DropReason.BadTtl]));
            St(ProtoErrReason, SnmpValue.Integer(protoErr(i)));
            St(RcvdPriZeroPackets, SnmpValue.Counter64(i.PriorityZeroReceived));
            St(SentPriZeroPackets, SnmpValue.Counter64(i.PriorityZeroSent));
            St(RcvdInvalidTypePackets, SnmpValue.Counter64(i.Drops[(int)DropReason.BadType]));
            St(AddressListErrors, SnmpValue.Counter64(i.Drops[(int)DropReason.AddressListMismatch]));
            St(PacketLengthErrors, SnmpValue.Counter64(i.Drops[(int)DropReason.BadLength] + i.Drops[(int)DropReason.TooShort]));
            St(RowDiscontinuityTime, SnmpValue.TimeTicks(0));
            St(RefreshRate, SnmpValue.Gauge32(i.AdvertInterval.Milliseconds));
        }
        // The router-wide counters: checksum, version and VRID errors are found on the sockets,
        // before (or instead of) the demultiplexer finding an instance.
        list.Add(new VarBind(s_statistics.Append(1, 0), SnmpValue.Counter64(s.LinkDrops(DropReason.BadChecksum))));
        list.Add(new VarBind(s_statistics.Append(2, 0), SnmpValue.Counter64(s.LinkDrops(DropReason.BadVersion) + s.InstanceDrops(DropReason.VersionMismatch))));
        list.Add(new VarBind(s_statistics.Append(3, 0), SnmpValue.Counter64(s.LinkDrops(DropReason.UnknownVrid) + s.LinkDrops(DropReason.BadVrid))));
        list.Add(new VarBind(s_statistics.Append(4, 0), SnmpValue.TimeTicks(0)));
        return new MibView(Root, list);
    }

    private static byte[] Bytes(IpAddr a, IpFamily family)
    {
        // An instance that has not heard a master yet has no master address: an empty
        // InetAddress of the row's type.
        if (a.Family != family) return [];
        var b = new byte[a.Size];
        a.WriteTo(b);
        return b;
    }
}
