using Appliance.Config.Model;
using Appliance.Config.Tests.Support;

namespace Appliance.Config.Tests.Equality;

/// <summary>
/// Reload compares models: two readings of the same configuration are equal (arrays by their items,
/// not by reference), a block that only moved in the file is unchanged, and any setting that changes
/// makes the instance or the global settings differ.
/// </summary>
public sealed class ValueEqualityTests
{
    private const string Base = """
        global_defs {
            router_id R1
            notification_email {
                ops@example.net
            }
        }
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 150
            unicast_peer {
                10.0.0.2
            }
            authentication {
                auth_type PASS
                auth_pass secret
            }
            virtual_ipaddress {
                10.0.0.1/24 dev eth0
            }
        }
        vrrp_instance VI_2 {
            interface eth0
            virtual_router_id 52
            virtual_ipaddress {
                10.0.0.9/24
            }
        }
        appliance_heartbeat {
            channel lan2 {
                interface eth1
                local_address 192.168.9.1
                peer_address 192.168.9.2
                key 00112233445566778899aabbccddeeff
            }
        }
        """;

    private static ApplianceConfig Read(string text) => Load.Ok(Load.Conf(text));

    [Fact]
    public void Two_readings_of_one_configuration_are_equal_with_equal_hashes()
    {
        var a = Read(Base);
        var b = Read(Base);

        Assert.NotSame(a, b);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(a.Instances[0], b.Instances[0]);
        Assert.Equal(a.Global, b.Global);
    }

    [Fact]
    public void An_instance_that_only_moved_in_the_file_is_unchanged()
    {
        var a = Read(Base);
        var b = Read("# a comment\n\n\n" + Base);

        Assert.NotEqual(a.Instances[0].Location, b.Instances[0].Location);
        Assert.Equal(a.Instances[0], b.Instances[0]);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("priority 150", "priority 151")]
    [InlineData("10.0.0.1/24 dev eth0", "10.0.0.1/24 dev eth1")]
    [InlineData("10.0.0.2", "10.0.0.3")]
    [InlineData("auth_pass secret", "auth_pass secreT")]
    [InlineData("interface eth0\n    virtual_router_id 51", "interface eth9\n    virtual_router_id 51")]
    public void A_changed_setting_makes_that_instance_differ_and_leaves_the_other_equal(string from, string to)
    {
        var a = Read(Base);
        var b = Read(Base.Replace(from, to));

        Assert.NotEqual(a.Instances[0], b.Instances[0]);
        Assert.Equal(a.Instances[1], b.Instances[1]);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_changed_recipient_makes_the_global_settings_differ()
    {
        var a = Read(Base);
        var b = Read(Base.Replace("ops@example.net", "noc@example.net"));

        Assert.NotEqual(a.Global, b.Global);
        Assert.True(a.Instances.SequenceEqual(b.Instances));
    }

    [Fact]
    public void A_changed_heartbeat_key_makes_the_configuration_differ()
    {
        var a = Read(Base);
        var b = Read(Base.Replace("00112233445566778899aabbccddeeff", "ffeeddccbbaa99887766554433221100"));

        Assert.NotEqual(a, b);
        Assert.True(a.Instances.SequenceEqual(b.Instances));
    }

    [Fact]
    public void The_every_option_fixture_gives_equal_models_in_both_formats()
    {
        var conf = ConfigLoader.Load(Samples.Fixture("every-option.conf"), new ConfigLoadOptions { ConfigId = "test" });
        var toml = ConfigLoader.Load(Samples.Fixture("every-option.toml"), new ConfigLoadOptions { ConfigId = "test" });

        Assert.Equal(Load.Ok(conf), Load.Ok(toml));
        Assert.Equal(conf.Config!.GetHashCode(), toml.Config!.GetHashCode());
    }
}
