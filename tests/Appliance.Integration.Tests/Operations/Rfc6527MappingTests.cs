using Appliance.Operations;
using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Integration.Tests.Operations;

/// <summary>The enumerated RFC 6527 objects mapped from the state machine's reasons.</summary>
public sealed class Rfc6527MappingTests
{
    [Theory]
    [InlineData(StateChangeReason.None, NewMasterReason.NotMaster)]
    [InlineData(StateChangeReason.MasterDown, NewMasterReason.MasterNoResponse)]
    [InlineData(StateChangeReason.SyncGroup, NewMasterReason.MasterNoResponse)]
    [InlineData(StateChangeReason.Preempt, NewMasterReason.Preempted)]
    [InlineData(StateChangeReason.StartupOwner, NewMasterReason.Priority)]
    [InlineData(StateChangeReason.InterfaceUp, NewMasterReason.Priority)]
    public void New_master_reason_follows_the_last_transition_to_master(StateChangeReason reason, NewMasterReason expected) =>
        Assert.Equal(expected, Rfc6527Row.MasterReason(reason));

    [Theory]
    [InlineData(DropReason.None, ProtoErrReason.NoError)]
    [InlineData(DropReason.BadTtl, ProtoErrReason.IpTtlError)]
    [InlineData(DropReason.VersionMismatch, ProtoErrReason.VersionError)]
    [InlineData(DropReason.BadChecksum, ProtoErrReason.ChecksumError)]
    [InlineData(DropReason.UnknownVrid, ProtoErrReason.VrIdError)]
    [InlineData(DropReason.LowerPriority, ProtoErrReason.NoError)]
    public void Protocol_error_reason_names_the_mib_value(DropReason reason, ProtoErrReason expected) =>
        Assert.Equal(expected, Rfc6527Row.ProtocolError(reason));

    [Fact]
    public void The_mib_values_are_the_rfcs_numbers()
    {
        Assert.Equal([0, 1, 2, 3], Enum.GetValues<NewMasterReason>().Select(v => (int)v));
        Assert.Equal([0, 1, 2, 3, 4], Enum.GetValues<ProtoErrReason>().Select(v => (int)v));
    }
}
