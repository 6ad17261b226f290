using Appliance.Notify;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;

namespace Appliance.Integration.Tests.Notify;

public class NotifyLineTests
{
    [Fact]
    public void State_change_is_keepalived_s_fifo_line()
    {
        var e = new ApplianceEvent(EventKind.StateChanged, MonoTime.Zero, "VI_1", VrrpState.Backup, VrrpState.Master, 100);
        Assert.Equal("INSTANCE \"VI_1\" MASTER 100\n", NotifyLine.Format(e));
        Assert.Equal(["INSTANCE", "VI_1", "MASTER", "100"], NotifyLine.Words(e));
    }

    [Fact]
    public void Master_rx_lower_pri_is_keepalived_s_event_line_with_our_priority()
    {
        var e = new ApplianceEvent(EventKind.MasterRxLowerPriority, MonoTime.Zero, "VI_1", VrrpState.Master, VrrpState.Master, 150);
        Assert.Equal("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 150\n", NotifyLine.Format(e));
    }

    [Fact]
    public void Sync_group_change_is_keepalived_s_group_line_with_priority_0()
    {
        var e = new ApplianceEvent(EventKind.GroupStateChanged, MonoTime.Zero, "VG_1", VrrpState.Backup, VrrpState.Master, 0);
        Assert.Equal("GROUP \"VG_1\" MASTER 0\n", NotifyLine.Format(e));
        Assert.Equal(["GROUP", "VG_1", "MASTER", "0"], NotifyLine.Words(e));
    }

    [Theory]
    [InlineData(VrrpState.Backup, "BACKUP")]
    [InlineData(VrrpState.Fault, "FAULT")]
    [InlineData(VrrpState.Initialize, "STOP")]
    public void States_use_keepalived_s_words(VrrpState state, string word) =>
        Assert.Equal(word, NotifyLine.Words(new ApplianceEvent(EventKind.StateChanged, MonoTime.Zero, "VI_1", To: state))[2]);

    [Fact]
    public void Split_brain_and_lan_fault_keep_the_four_keepalived_fields_then_peer_and_channel()
    {
        var sb = new ApplianceEvent(EventKind.SplitBrainSuspected, MonoTime.Zero, "VI_1", VrrpState.Master, VrrpState.Master, 150, "link0", 2);
        Assert.Equal("SPLIT_BRAIN_SUSPECTED \"VI_1\" MASTER 150 2 link0\n", NotifyLine.Format(sb));
        var lf = new ApplianceEvent(EventKind.LanFault, MonoTime.Zero, "VI_1", VrrpState.Backup, VrrpState.Backup, 100, "serial0", 2);
        Assert.Equal("LAN_FAULT \"VI_1\" BACKUP 100 2 serial0\n", NotifyLine.Format(lf));
        var f = new ApplianceEvent(EventKind.Fenced, MonoTime.Zero, "VI_1", VrrpState.Master, VrrpState.Master, 255, "serial0", 2);
        Assert.Equal(["FENCED", "VI_1", "MASTER", "255", "2", "serial0"], NotifyLine.Words(f));
    }

    [Fact]
    public void Channel_events_name_the_channel_and_the_peer()
    {
        var down = new ApplianceEvent(EventKind.ChannelDown, MonoTime.Zero, Channel: "serial0", PeerId: 2);
        Assert.Equal("CHANNEL_DOWN \"serial0\" DOWN 0 2\n", NotifyLine.Format(down));
        var up = new ApplianceEvent(EventKind.ChannelUp, MonoTime.Zero, Channel: "link0", PeerId: 7);
        Assert.Equal(["CHANNEL_UP", "link0", "UP", "0", "7"], NotifyLine.Words(up));
    }

    [Theory]
    [InlineData("/usr/bin/notify.sh", new[] { "/usr/bin/notify.sh" })]
    [InlineData("/bin/script  a   b", new[] { "/bin/script", "a", "b" })]
    [InlineData("/bin/s \"two words\" 'single q' x\\ y", new[] { "/bin/s", "two words", "single q", "x y" })]
    [InlineData("/bin/s ''", new[] { "/bin/s", "" })]
    public void Script_lines_split_like_keepalived(string line, string[] expected) => Assert.Equal(expected, CommandSplitter.Split(line));

    [Fact]
    public void Unbalanced_quote_yields_no_command() => Assert.Empty(CommandSplitter.Split("/bin/s \"open"));
}
