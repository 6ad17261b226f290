using System.Diagnostics;
using Appliance.Cli;
using Appliance.Config.Validation;

namespace Appliance.Integration.Tests.Cli;

/// <summary>
/// The exit codes keepalived 2.2.7's -t really returns (measured in namespaces): 0 clean, 2 when a
/// keyword lacks its value, 6 when scripts would run without enable_script_security, 5 for every other
/// complaint (a missing interface and a VRID clash included); and 4 for a missing file, where keepalived
/// wrongly says 0, and for any error under --strict.
/// </summary>
public sealed class CheckVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apcheck").FullName;
    private readonly FakeHost _host = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text, string name = "keepalived.conf")
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private (int Code, string Out, string Err) Check(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CheckVerb.Execute(args, o, e, _host);
        return (code, o.ToString(), e.ToString());
    }

    private const string Clean = """
        global_defs {
            router_id R1
        }
        vrrp_instance VI_1 {
            state MASTER
            interface eth0
            virtual_router_id 51
            priority 100
            virtual_ipaddress {
                192.0.2.1/24
            }
        }
        """;

    [Fact]
    public void A_clean_configuration_exits_0_with_a_summary_of_its_instances()
    {
        var (code, stdout, stderr) = Check("check", Write(Clean));
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("VI_1", stdout);
        Assert.Contains("192.0.2.1/24", stdout);
        Assert.Contains("router_id R1", stdout);
        Assert.EndsWith("configuration OK (exit 0)\n", stdout);
        Assert.True(stdout.Split('\n').Length < 25, "one screen");
    }

    [Fact]
    public void Check_takes_the_file_as_argument_or_with_f_and_keepalived_t_form_takes_the_whole_argv()
    {
        string path = Write(Clean);
        Assert.Equal(0, Check(path).Code);
        Assert.Equal(0, Check("-f", path).Code);
        Assert.Equal(0, Check("-t", "-l", "-D", "-f", path, "-p", "/run/x.pid").Code);
        Assert.Equal(0, Check("--config-test", "--use-file=" + path).Code);
    }

    [Fact]
    public void A_missing_interface_exits_5_like_keepalived()
    {
        _host.Interfaces.Remove("eth0");
        var (code, _, stderr) = Check(Write(Clean));
        Assert.Equal(5, code);
        Assert.Contains(":4:1: warning APC400: interface eth0", stderr);
    }

    [Fact]
    public void An_unknown_keyword_or_out_of_range_value_exits_5_and_strict_makes_it_fatal_4()
    {
        string path = Write(Clean.Replace("priority 100", "priority 300\n    frobnicate"));
        Assert.Equal(5, Check(path).Code);
        var (code, _, stderr) = Check("--strict", path);
        Assert.Equal(4, code);
        Assert.Contains("error APC102", stderr);
        Assert.Contains("error APC100", stderr);
    }

    [Fact]
    public void A_vrid_clash_is_an_error_with_keepalived_exit_5_and_fatal_4_under_strict()
    {
        string path = Write(Clean + "\n" + Clean.Replace("global_defs {\n    router_id R1\n}\n", "").Replace("VI_1", "VI_2").Replace("192.0.2.1", "192.0.2.2"));
        var (code, stdout, stderr) = Check(path);
        Assert.Equal(5, code);
        Assert.Contains("APC200", stderr);
        Assert.Contains("errors appliance cannot run (keepalived -t says 5 too) (exit 5)", stdout);
        Assert.Equal(4, Check("--strict", path).Code);
    }

    [Theory]
    [InlineData("priority 100", "priority")]
    [InlineData("interface eth0", "interface")]
    [InlineData("state MASTER", "state")]
    public void A_keyword_without_its_value_exits_2_because_keepalived_stops_reading_there(string line, string bare)
    {
        var (code, stdout, stderr) = Check(Write(Clean.Replace(line, bare)));
        Assert.Equal(2, code);
        Assert.Contains($"warning APC109: '{bare}' needs a value (keepalived stops reading the configuration at this line)", stderr);
        Assert.Contains("keepalived stops reading there (exit 2)", stdout);
    }

    [Fact]
    public void A_router_id_without_its_value_is_5_as_keepalived_reads_on()
    {
        var (code, _, stderr) = Check(Write(Clean.Replace("router_id R1", "router_id")));
        Assert.Equal(5, code);
        Assert.Contains(":2:5: warning APC104: 'router_id' needs a value", stderr);
    }

    [Fact]
    public void A_secure_script_without_script_security_exits_6_like_keepalived_but_a_missing_interface_comes_first()
    {
        _host.Scripts["/opt/chk.sh"] = null;
        string path = Write(Clean + "\nvrrp_script chk {\n script /opt/chk.sh\n}\n");
        var (code, _, stderr) = Check(path);
        Assert.Equal(6, code);
        Assert.Contains(":13:1: warning APC402: vrrp_script chk: script '/opt/chk.sh' runs while enable_script_security is off", stderr);

        _host.Interfaces.Remove("eth0");
        Assert.Equal(5, Check(path).Code);
    }

    [Fact]
    public void Script_security_without_script_user_needs_the_keepalived_script_user_or_keepalived_removes_the_script()
    {
        _host.Scripts["/opt/chk.sh"] = null;
        _host.Users.Remove("keepalived_script");
        string conf = Clean.Replace("router_id R1", "router_id R1\n    enable_script_security") + "\nvrrp_script chk {\n script /opt/chk.sh\n}\n";
        var (code, _, stderr) = Check(Write(conf));
        Assert.Equal(5, code);
        Assert.Contains(":14:1: warning APC110: vrrp_script chk: enable_script_security without script_user needs the user keepalived_script", stderr);

        Assert.Equal(0, Check(Write(conf.Replace("enable_script_security", "enable_script_security\n    script_user root"))).Code);
    }

    [Fact]
    public void Nopreempt_with_state_master_is_located_where_keepalived_warns_and_exits_5()
    {
        var (code, _, stderr) = Check(Write(Clean.Replace("state MASTER", "state MASTER\n    nopreempt")));
        Assert.Equal(5, code);
        Assert.Contains(":6:5: warning APC110: nopreempt with state MASTER: keepalived 2.2.7 clears nopreempt", stderr);
    }

    [Fact]
    public void A_vrrp_script_defined_below_its_track_script_is_located_at_the_reference()
    {
        _host.Scripts["/opt/chk.sh"] = null;
        string conf = "global_defs {\n    enable_script_security\n}\n" + Clean.Replace("global_defs {\n    router_id R1\n}\n", "")
            .Replace("priority 100", "priority 100\n    track_script {\n        chk\n    }") + "vrrp_script chk {\n script /opt/chk.sh\n}\n";
        var (code, _, stderr) = Check(Write(conf));
        Assert.Equal(5, code);
        Assert.Contains(":10:9: warning APC110: vrrp_script chk is defined after its use here", stderr);
    }

    [Fact]
    public void An_lvs_virtual_server_leaves_the_code_alone_but_what_keepalived_complains_about_inside_is_located()
    {
        string lvs = "\nvirtual_server 192.0.2.1 80 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 192.0.2.10 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n";
        Assert.Equal(0, Check(Write(Clean + lvs)).Code);

        var (code, _, stderr) = Check(Write(Clean + lvs.Replace("connect_timeout 3", "connect_timeout 3\n            nb_get_retry 3").Replace("lb_algo rr", "lb_algo rr\n    persistence_timeout 0")));
        Assert.Equal(5, code);
        Assert.Contains(":15:25: warning APC102: persistence_timeout 0", stderr);
        Assert.Contains(":21:13: warning APC110: nb_get_retry is deprecated", stderr);
    }

    [Fact]
    public void An_interface_named_by_a_static_block_must_exist_as_keepalived_requires()
    {
        var (code, _, stderr) = Check(Write(Clean + "\nstatic_ipaddress {\n    192.0.2.50/24 dev eth7\n}\n"));
        Assert.Equal(5, code);
        Assert.Contains(":14:23: warning APC400: interface eth7", stderr);
    }

    [Fact]
    public void A_missing_file_is_fatal_4_not_0_as_keepalived_says()
    {
        var (code, _, stderr) = Check("-t", "-f", Path.Combine(_dir, "nope.conf"));
        Assert.Equal(4, code);
        Assert.Contains("nope.conf: error APC001: cannot read the configuration file: no such file", stderr);
    }

    [Fact]
    public void Insecure_scripts_without_script_security_exit_6()
    {
        _host.Scripts["/opt/chk.sh"] = "the file is writable by group or others";
        string path = Write(Clean + "\nvrrp_script chk {\n script /opt/chk.sh\n}\n");
        var (code, stdout, stderr) = Check(path);
        Assert.Equal(6, code);
        Assert.Contains("APC402", stderr);
        Assert.Contains("script security violation (exit 6)", stdout);
    }

    [Fact]
    public void With_script_security_on_an_insecure_script_is_disabled_exit_5_and_a_secure_one_is_clean()
    {
        _host.Scripts["/opt/chk.sh"] = "directory /opt is writable by group or others";
        string conf = Clean.Replace("router_id R1", "router_id R1\n    enable_script_security") + "\nvrrp_script chk {\n script \"/opt/chk.sh --fast\"\n}\n";
        Assert.Equal(5, Check(Write(conf)).Code);
        _host.Scripts["/opt/chk.sh"] = null;
        Assert.Equal(0, Check(Write(conf)).Code);
    }

    [Fact]
    public void Config_id_selects_conditional_lines()
    {
        string path = Write(Clean.Replace("interface eth0", "@a interface eth0\n    @b interface eth9"));
        Assert.Equal(0, Check("-i", "a", path).Code);
        Assert.Equal(5, Check("--config-id", "b", path).Code);
        Assert.Equal(5, Check("-i", "c", path).Code); // no interface: keepalived's "Unknown interface!", 5
    }

    [Fact]
    public void Toml_files_are_checked_too()
    {
        string path = Write("[[instance]]\nname = \"VI_1\"\ninterface = \"eth0\"\nvrid = 51\nvirtual_addresses = [\"192.0.2.1/24\"]\n", "appliance.toml");
        var (code, stdout, _) = Check(path);
        Assert.Equal(0, code);
        Assert.Contains("(TOML)", stdout);
    }

    [Fact]
    public void A_keyword_read_but_not_acted_on_is_a_located_warning_and_keeps_keepalived_exit_code()
    {
        string path = Write(Clean.Replace("    priority 100", "    priority 100\n    track_src_ip"));

        var (code, stdout, stderr) = Check(path);

        Assert.Equal(0, code);
        Assert.Contains(":9:5: warning APC108: 'track_src_ip' in vrrp_instance VI_1 is read but not acted on: the source address is not tracked", stderr);
        Assert.Contains("1 setting(s) are read but not acted on by appliance", stdout);
    }

    [Fact]
    public async Task Check_of_dev_zero_ends_at_once_with_a_clear_error_instead_of_hanging()
    {
        // The deadline is a hang guard (WaitAsync throws), not a timing assertion.
        var (code, stdout, stderr) = await Task.Run(() => Check("/dev/zero")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(4, code);
        Assert.Contains("/dev/zero: error APC004: cannot read the configuration file: it is a character device, not a regular file", stderr);
        Assert.Contains("not usable (exit 4)", stdout);
    }

    [Fact]
    public async Task Check_of_a_config_including_dev_zero_names_the_include_line()
    {
        string path = Write(Clean + "\ninclude /dev/zero\n");

        var (code, _, stderr) = await Task.Run(() => Check(path)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, code);
        Assert.Contains(":13:9: error APC004: cannot include '/dev/zero': it is a character device", stderr);
    }

    [Fact]
    public void Bad_arguments_are_a_usage_error()
    {
        Assert.Equal(2, Check("check", "-f").Code);
        Assert.Equal(2, Check("a.conf", "b.conf").Code);
    }

    [SkippableTheory]
    [InlineData("keepalived.conf.conditional_conf")]
    [InlineData("keepalived.conf.track_interface")]
    [InlineData("keepalived.conf.vrrp")]
    [InlineData("keepalived.conf.vrrp.localcheck")]
    [InlineData("keepalived.conf.vrrp.routes")]
    [InlineData("keepalived.conf.vrrp.rules")]
    [InlineData("keepalived.conf.vrrp.scripts")]
    [InlineData("keepalived.conf.vrrp.static_ipaddress")]
    [InlineData("keepalived.conf.vrrp.sync")]
    public void Exit_code_matches_keepalived_t_on_this_host_for_the_vrrp_samples(string sample)
    {
        string path = Path.Combine("/usr/share/doc/keepalived/samples", sample);
        Skip.IfNot(File.Exists(path) && File.Exists("/usr/sbin/keepalived"), "needs Debian's keepalived package (samples and binary) to compare with");
        var psi = new ProcessStartInfo("/usr/sbin/keepalived", ["-t", "-f", path, "-i", "test"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(30_000), "keepalived -t did not finish within 30 s");

        int ours = CheckVerb.Execute(["-t", "-f", path, "-i", "test"], new StringWriter(), new StringWriter(), HostProbe.Linux);

        Assert.Equal(p.ExitCode, ours);
    }
}
