using System.Diagnostics;
using Appliance.Cli;
using Appliance.Config.Validation;

namespace Appliance.Integration.Tests.Cli;

/// <summary>
/// The exit codes keepalived 2.2.7's -t really returns (measured): 0 clean, 5 errors it would run with
/// (a missing interface included), 6 script security, 4 fatal; and 4 for a missing file, where
/// keepalived wrongly says 0.
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
    public void A_vrid_clash_is_fatal_4()
    {
        string path = Write(Clean + "\n" + Clean.Replace("global_defs {\n    router_id R1\n}\n", "").Replace("VI_1", "VI_2").Replace("192.0.2.1", "192.0.2.2"));
        var (code, stdout, stderr) = Check(path);
        Assert.Equal(4, code);
        Assert.Contains("APC200", stderr);
        Assert.Contains("not usable (exit 4)", stdout);
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
        Assert.Equal(4, Check("-i", "c", path).Code);
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
