using System.Text;
using Appliance.Vrrp.Tracking;

namespace Appliance.Vrrp.Tests.Tracking;

/// <summary>keepalived track_process.c check_process / check_params: which processes a vrrp_track_process counts.</summary>
public class ProcessPatternTests
{
    private static byte[] Cmdline(params string[] argv) => Encoding.UTF8.GetBytes(string.Concat(argv.Select(a => a + "\0")));

    private static bool Matches(ProcessPattern p, string comm, params string[] argv) => p.Matches(Encoding.UTF8.GetBytes(comm), Cmdline(argv));

    [Fact]
    public void Without_parameters_the_name_is_compared_with_comm_only()
    {
        var p = new ProcessPattern("haproxy", [], ParamMatch.None, fullCommand: false);
        Assert.True(Matches(p, "haproxy", "/usr/sbin/haproxy", "-f", "x"));
        Assert.False(Matches(p, "haproxy-old", "/usr/sbin/haproxy"));
    }

    [Fact]
    public void Full_command_compares_argv0_and_ignores_parameters()
    {
        var p = new ProcessPattern("/usr/sbin/haproxy", [], ParamMatch.None, fullCommand: true);
        Assert.True(Matches(p, "anything", "/usr/sbin/haproxy", "-f", "x"));
        Assert.False(Matches(p, "haproxy", "haproxy"));
    }

    [Fact]
    public void Parameters_imply_full_command_and_an_exact_match()
    {
        var p = new ProcessPattern("/bin/sleep", ["100"], ParamMatch.None, fullCommand: false);
        Assert.True(p.FullCommand);
        Assert.Equal(ParamMatch.Exact, p.Match);
        Assert.True(Matches(p, "sleep", "/bin/sleep", "100"));
        Assert.False(Matches(p, "sleep", "/bin/sleep", "100", "5"));
        Assert.False(Matches(p, "sleep", "/bin/sleep", "1000"));
        Assert.False(Matches(p, "sleep", "/bin/sleep"));
    }

    [Fact]
    public void Exact_without_parameters_wants_none()
    {
        var p = new ProcessPattern("/bin/sleep", [], ParamMatch.Exact, fullCommand: false);
        Assert.True(Matches(p, "sleep", "/bin/sleep"));
        Assert.False(Matches(p, "sleep", "/bin/sleep", "1"));
    }

    [Fact]
    public void Partial_wants_the_configured_parameters_whole_at_the_start()
    {
        var p = new ProcessPattern("/bin/sleep", ["100", "0.5"], ParamMatch.Partial, fullCommand: false);
        Assert.True(Matches(p, "sleep", "/bin/sleep", "100", "0.5"));
        Assert.True(Matches(p, "sleep", "/bin/sleep", "100", "0.5", "more"));
        Assert.False(Matches(p, "sleep", "/bin/sleep", "100", "0.55"));
        Assert.False(Matches(p, "sleep", "/bin/sleep", "100"));
    }

    [Fact]
    public void Initial_lets_the_last_configured_parameter_be_cut_short()
    {
        var p = new ProcessPattern("/bin/sleep", ["100", "0.5"], ParamMatch.Initial, fullCommand: false);
        Assert.True(Matches(p, "sleep", "/bin/sleep", "100", "0.55"));
        Assert.True(Matches(p, "sleep", "/bin/sleep", "100", "0.5", "x"));
        Assert.False(Matches(p, "sleep", "/bin/sleep", "10", "0.5"));
    }

    [Fact]
    public void A_cmdline_cut_at_the_bytes_needed_still_tells_exact_from_longer()
    {
        var p = new ProcessPattern("/bin/sleep", ["100"], ParamMatch.Exact, fullCommand: false);
        var longer = Cmdline("/bin/sleep", "100", "and", "more");
        Assert.False(p.Matches("sleep"u8, longer.AsSpan(0, p.CmdlineBytesNeeded)));
        Assert.True(p.Matches("sleep"u8, Cmdline("/bin/sleep", "100")));
    }

    [Fact]
    public void An_empty_cmdline_of_a_kernel_thread_or_zombie_matches_no_full_command_pattern()
    {
        var p = new ProcessPattern("/bin/sleep", [], ParamMatch.None, fullCommand: true);
        Assert.False(p.Matches("sleep"u8, []));
    }
}
