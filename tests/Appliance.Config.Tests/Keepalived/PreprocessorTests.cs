using Appliance.Config.Diagnostics;
using Appliance.Config.Tests.Support;
using Appliance.Vrrp;

namespace Appliance.Config.Tests.Keepalived;

/// <summary>keepalived.conf(5) "ADVANCED CONFIGURATION" and the lexer rules, one behaviour per test.</summary>
public sealed class PreprocessorTests
{
    [Fact]
    public void Hash_and_bang_comments_start_anywhere_outside_quotes()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("""
            priority 120   # the backup has 100
            advert_int 2 ! two seconds
            notify_master "/bin/echo #not a comment !nor this"
            virtual_ipaddress { 10.0.0.1 }
            """)));
        var i = c.Instances[0];
        Assert.Equal(120, i.Protocol.Priority);
        Assert.Equal(Centiseconds.FromSeconds(2), i.Protocol.AdvertInterval);
        Assert.Equal("/bin/echo #not a comment !nor this", i.Notify.Master);
    }

    [Fact]
    public void Quotes_keep_spaces_decode_escapes_and_join_adjacent_parts()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("""
            notify_master abcd" efg h jkl "mnop
            notify_backup "tab\there \"quoted\" \x41\101"
            notify_fault 'single quoted'
            virtual_ipaddress { 10.0.0.1 }
            """)));
        var n = c.Instances[0].Notify;
        Assert.Equal("abcd efg h jkl mnop", n.Master);
        Assert.Equal("tab\there \"quoted\" AA", n.Backup);
        Assert.Equal("single quoted", n.Fault);
    }

    [Fact]
    public void Conditional_lines_apply_only_to_their_config_id_and_caret_negates()
    {
        const string text = """
            global_defs {
                @main router_id main_router
                @backup router_id backup_router
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 1
                unicast_peer {
                    @^main 10.0.0.1
                    @^backup 10.0.0.2
                }
                virtual_ipaddress { 10.0.0.100 }
            }
            """;
        var main = Load.Ok(Load.Conf(text, configId: "main"));
        Assert.Equal("main_router", main.Global.RouterId);
        Assert.Equal([IpAddr.Parse("10.0.0.2")], main.Instances[0].UnicastPeers.ToArray());

        var other = Load.Ok(Load.Conf(text, configId: "other"));
        Assert.Null(other.Global.RouterId);
        Assert.Equal(2, other.Instances[0].UnicastPeers.Length);
    }

    [Fact]
    public void Parameters_substitute_at_use_time_with_and_without_braces()
    {
        var c = Load.Ok(Load.Conf("""
            $BASE=10.2.${SUB}
            $SUB=0
            $PRIO=150
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 1
                priority $PRIO
                notify_master "/bin/echo $UNDEFINED ${ALSO_UNDEFINED}"
                virtual_ipaddress {
                    ${BASE}.100/32
                    $SUB=10
                    ${BASE}.100/32
                }
            }
            """));
        var i = c.Instances[0];
        Assert.Equal(150, i.Protocol.Priority);
        Assert.Equal(["10.2.0.100/32", "10.2.10.100/32"], i.VirtualAddresses.Select(v => v.Prefix.ToString()));
        Assert.Equal("/bin/echo $UNDEFINED ${ALSO_UNDEFINED}", i.Notify.Master);
    }

    [Fact]
    public void A_multi_line_parameter_expands_to_whole_instances()
    {
        var c = Load.Ok(Load.Conf("""
            $INSTANCE= \
            vrrp_instance VI_${NUM} { \
                interface eth0 \
                virtual_router_id ${NUM} \
                @high priority 130 \
                @low priority 120 \
                virtual_ipaddress { \
                    10.0.${NUM}.254/24 \
                } \
            }

            $NUM=1
            $INSTANCE
            $NUM=2
            $INSTANCE
            """, configId: "low"));
        Assert.Equal(["VI_1", "VI_2"], c.Instances.Select(i => i.Protocol.Name));
        Assert.All(c.Instances, i => Assert.Equal(120, i.Protocol.Priority));
        Assert.Equal("10.0.2.254/24", c.Instances[1].VirtualAddresses[0].Prefix.ToString());
        Assert.Equal(13, c.Instances[0].Location.Line);
    }

    [Fact]
    public void Seq_repeats_the_rest_of_the_line_and_seqx_counts_in_hex()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("""
            virtual_ipaddress {
                ~SEQ(SUBNET, 0, 3) 10.0.${SUBNET}.1
            }
            virtual_ipaddress_excluded {
                ~SEQx(AD, 0x90, 0x10, 0xb0) fe80::20:${AD}:1
                ~SEQ(N, 3) 192.0.2.${N}
                ~SEQ(M, 5, -2, 1) 198.51.100.${M}
            }
            """)));
        var i = c.Instances[0];
        Assert.Equal(["10.0.0.1/32", "10.0.1.1/32", "10.0.2.1/32", "10.0.3.1/32"],
            i.VirtualAddresses.Select(v => v.Prefix.ToString()));
        Assert.Equal(["fe80::20:90:1/128", "fe80::20:a0:1/128", "fe80::20:b0:1/128", "192.0.2.1/32", "192.0.2.2/32", "192.0.2.3/32", "198.51.100.5/32", "198.51.100.3/32", "198.51.100.1/32"],
            i.ExcludedAddresses.Select(v => v.Prefix.ToString()));
    }

    [Fact]
    public void Lst_sets_one_or_several_variables_per_round_and_nests()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("""
            virtual_ipaddress {
                ~LST({IP, IP1}, {10,1},{20,4}) 192.168.${IP}.${IP1}
                ~LST(A, 1, 2) ~LST(B, 5,6) 192.169.${A}.${B}
            }
            """)));
        Assert.Equal(["192.168.10.1", "192.168.20.4", "192.169.1.5", "192.169.1.6", "192.169.2.5", "192.169.2.6"],
            c.Instances[0].VirtualAddresses.Select(v => v.Prefix.Address.ToString()));
    }

    [Fact]
    public void Include_globs_are_relative_to_the_including_file()
    {
        string dir = Directory.CreateTempSubdirectory("apcfg").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "conf.d"));
            Directory.CreateDirectory(Path.Combine(dir, "conf.d", "more"));
            File.WriteAllText(Path.Combine(dir, "main.conf"), "global_defs {\n router_id R\n}\ninclude conf.d/*.conf\n");
            File.WriteAllText(Path.Combine(dir, "conf.d", "a.conf"), Load.Instance("virtual_ipaddress { 10.0.0.1 }", "VI_A", vrid: 1) + "\ninclude more/{x,y}.inc\n");
            File.WriteAllText(Path.Combine(dir, "conf.d", "b.conf"), Load.Instance("virtual_ipaddress { 10.0.0.2 }", "VI_B", vrid: 2));
            File.WriteAllText(Path.Combine(dir, "conf.d", "more", "y.inc"), Load.Instance("virtual_ipaddress { 10.0.0.3 }", "VI_Y", vrid: 3));
            File.WriteAllText(Path.Combine(dir, "conf.d", "ignored.txt"), "garbage {");

            var r = ConfigLoader.Load(Path.Combine(dir, "main.conf"), new ConfigLoadOptions { ConfigId = "t" });

            var c = Load.Ok(r);
            Assert.Equal(["VI_A", "VI_Y", "VI_B"], c.Instances.Select(i => i.Protocol.Name));
            Assert.EndsWith(Path.Combine("more", "y.inc"), c.Instances[1].Location.File);
            Assert.Equal(1, c.Instances[1].Location.Line);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_file_that_includes_itself_is_stopped_with_a_located_error()
    {
        string dir = Directory.CreateTempSubdirectory("apcfg").FullName;
        try
        {
            string path = Path.Combine(dir, "loop.conf");
            File.WriteAllText(path, "# loops\ninclude loop.conf\n");
            var r = ConfigLoader.Load(path, new ConfigLoadOptions { ConfigId = "t" });
            var d = Load.Single(r, DiagnosticCodes.IncludeDepth);
            Assert.Equal(2, d.Location.Line);
            Assert.Null(r.Config);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_include_that_matches_nothing_is_a_located_warning()
    {
        var r = Load.Conf("include /nonexistent/appliance-test/*.conf\n" + Load.Instance("virtual_ipaddress { 10.0.0.1 }"));
        var d = Load.Single(r, DiagnosticCodes.IncludeFailed);
        Assert.Equal((1, 9), (d.Location.Line, d.Location.Column));
        Assert.NotNull(r.Config);
    }

    [Fact]
    public void A_brace_on_the_next_line_opens_the_block_of_the_line_above()
    {
        var c = Load.Ok(Load.Conf("""
            vrrp_instance VI_1
            {
                interface eth0
                virtual_router_id 9
                virtual_ipaddress
                {
                    10.0.0.9
                }
            }
            """));
        Assert.Equal(9, c.Instances[0].Protocol.Vrid);
        Assert.Single(c.Instances[0].VirtualAddresses);
    }

    [Fact]
    public void A_missing_closing_brace_is_reported_at_the_opening_brace()
    {
        var r = Load.Conf("global_defs {\n  router_id X\n\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n}\n");
        var d = Load.Single(r, DiagnosticCodes.UnbalancedBrace);
        Assert.Equal((1, 13), (d.Location.Line, d.Location.Column));
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Null(r.Config);
    }

    [Fact]
    public void A_stray_closing_brace_is_reported_where_it_is()
    {
        var r = Load.Conf(Load.Instance("virtual_ipaddress { 10.0.0.1 }") + "\n   }\n");
        var d = Load.Single(r, DiagnosticCodes.UnbalancedBrace);
        Assert.Equal((6, 4), (d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void An_unterminated_quote_is_reported_at_the_quote()
    {
        var r = Load.Conf(Load.Instance("notify_master \"/bin/true\nvirtual_ipaddress { 10.0.0.1 }"));
        var d = Load.Single(r, DiagnosticCodes.UnterminatedQuote);
        Assert.Equal((4, 15), (d.Location.Line, d.Location.Column));
        Assert.Equal("/bin/true", r.Config!.Instances[0].Notify.Master);
    }

    [Fact]
    public void Predefined_hash_and_bang_do_not_start_comments()
    {
        var c = Load.Ok(Load.Conf(Load.Instance("notify_master /bin/echo${_HASH}x${_BANG}y\nvirtual_ipaddress { 10.0.0.1 }")));
        Assert.Equal("/bin/echo#x!y", c.Instances[0].Notify.Master);
    }

    [Fact]
    public void A_parameter_that_refers_to_itself_is_an_error_not_a_hang()
    {
        var r = Load.Conf("$A=x${A}\n" + Load.Instance("notify_master ${A}\nvirtual_ipaddress { 10.0.0.1 }"));
        Assert.Contains(r.Diagnostics, d => d.Code == DiagnosticCodes.Preprocessor && d.Location.Line == 5);
    }
}
