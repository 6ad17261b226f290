using Appliance.Config.Diagnostics;
using Appliance.Config.Tests.Support;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Config.Tests.Keepalived;

/// <summary>The keepalived.conf every keepalived user starts from, read field by field.</summary>
public sealed class ClassicExampleTests
{
    private const string Classic = """
        ! Configuration File for keepalived

        global_defs {
           notification_email {
             acassen@firewall.loc
             failover@firewall.loc
             sysadmin@firewall.loc
           }
           notification_email_from Alexandre.Cassen@firewall.loc
           smtp_server 192.168.200.1
           smtp_connect_timeout 30
           router_id LVS_DEVEL
        }

        vrrp_instance VI_1 {
            state MASTER
            interface eth0
            virtual_router_id 51
            priority 100
            advert_int 1
            authentication {
                auth_type PASS
                auth_pass 1111
            }
            virtual_ipaddress {
                192.168.200.16
                192.168.200.17
                192.168.200.18
            }
        }
        """;

    [Fact]
    public void Classic_example_binds_every_field()
    {
        var r = ConfigLoader.LoadText(Classic, "keepalived.conf", new ConfigLoadOptions { ConfigId = "test" });

        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        var c = r.Config!;
        Assert.Equal(["acassen@firewall.loc", "failover@firewall.loc", "sysadmin@firewall.loc"], c.Global.NotificationEmails.ToArray());
        Assert.Equal("Alexandre.Cassen@firewall.loc", c.Global.NotificationEmailFrom);
        Assert.Equal("192.168.200.1", c.Global.SmtpServer);
        Assert.Equal(25, c.Global.SmtpPort);
        Assert.Equal(30, c.Global.SmtpConnectTimeoutSeconds);
        Assert.Equal("LVS_DEVEL", c.Global.RouterId);

        var i = Assert.Single(c.Instances);
        Assert.Equal("VI_1", i.Protocol.Name);
        Assert.True(i.Protocol.StartAsMaster);
        Assert.Equal("eth0", i.Interface);
        Assert.Equal(51, i.Protocol.Vrid);
        Assert.Equal(100, i.Protocol.Priority);
        Assert.Equal(Centiseconds.FromSeconds(1), i.Protocol.AdvertInterval);
        Assert.Equal(VrrpVersion.V2, i.Protocol.Version);
        Assert.Equal(IpFamily.IPv4, i.Protocol.Family);
        Assert.Equal(AuthType.SimpleText, i.Protocol.AuthType);
        Assert.Equal("1111\0\0\0\0"u8.ToArray(), i.Protocol.AuthData.ToArray());
        Assert.Equal(
            [IpPrefix.Parse("192.168.200.16"), IpPrefix.Parse("192.168.200.17"), IpPrefix.Parse("192.168.200.18")],
            i.VirtualAddresses.Select(v => v.Prefix));
        Assert.Equal(i.VirtualAddresses.Select(v => v.Prefix.Address), i.Protocol.VirtualAddresses);
        Assert.Equal(32, i.VirtualAddresses[0].Prefix.PrefixLength);
        Assert.True(i.Protocol.Preempt);
        Assert.Equal(3, i.Protocol.DownTimerAdverts);
        Assert.Equal(new SourceLocationAt(15, 1), new SourceLocationAt(i.Location.Line, i.Location.Column));
    }

    [SkippableFact]
    public void Debian_vrrp_sample_is_the_classic_example_with_a_labelled_duplicate_vip()
    {
        Skip.IfNot(Samples.Installed, "keepalived's samples are not installed (apt-get install keepalived)");
        var r = ConfigLoader.Load(Samples.PathOf("keepalived.conf.vrrp"), new ConfigLoadOptions { ConfigId = "test" });

        Assert.False(r.HasErrors, string.Join("\n", r.Diagnostics));
        var vi1 = r.Config!.Instances[0];
        Assert.Equal(["192.168.200.16/32", "192.168.200.17/32", "192.168.200.18/32"], vi1.VirtualAddresses.Select(v => v.Prefix.ToString()));
        var dup = Assert.Single(r.Diagnostics, d => d.Code == DiagnosticCodes.Duplicate);
        Assert.Equal(32, dup.Location.Line);
        Assert.Equal(4, r.Config.Instances.Length);
        Assert.Equal(Centiseconds.FromSeconds(10), vi1.Garp!.MasterDelay);
        Assert.True(vi1.SmtpAlert);
    }

    private readonly record struct SourceLocationAt(int Line, int Column);
}
