using Appliance.Host;
using System.Runtime.Versioning;
using Appliance.Cli;
using Appliance.Config.Model;
using Appliance.Daemon;
using Appliance.Heartbeat;
using Appliance.Notify;
using Appliance.Testing.Lab;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Appliance.Integration.Tests.Security;

/// <summary>
/// Threat: a notify, fence or tracking script that runs as root although the configuration names a
/// script user, or an unsafe script (one a local user could rewrite) that still runs as root under
/// enable_script_security. Each script here writes its own `id` output to a file.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ScriptPrivilegeTests : IClassFixture<ScriptUserFixture>, IDisposable
{
    private readonly ScriptUserFixture _user;
    private readonly string _dir;
    private readonly string _out;
    private readonly LogCollector _log = new();

    public ScriptPrivilegeTests(ScriptUserFixture user)
    {
        _user = user;
        _dir = Directory.CreateTempSubdirectory("apsec-").FullName;
        // Scripts live in a root-owned 0755 directory under sticky /tmp (safe by keepalived's rule);
        // their output goes to a directory only the script user can write.
        File.SetUnixFileMode(_dir, (UnixFileMode)0x1ED);
        _out = Path.Combine(_dir, "out");
        Directory.CreateDirectory(_out);
        if (_user.Available) Shell.Run("chown", $"{ScriptUserFixture.User}:{ScriptUserFixture.Group}", _out);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ILogger Logger => new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(_log).CreateLogger();

    private string Script(string dir, string name, string body)
    {
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0x1ED); // 0755
        return path;
    }

    private static ApplianceConfig Config(NotifyConfig notify, GlobalSettings global) => new()
    {
        Global = global,
        Instances =
        [
            new VrrpInstanceConfig
            {
                Protocol = new InstanceSettings { Name = "VI_1", Vrid = 51 }, Interface = "lo", Notify = notify,
                Location = new SourceLocation("/etc/keepalived/keepalived.conf", 7, 1),
            },
        ],
    };

    private static ApplianceEvent ToMaster => new(EventKind.StateChanged, MonoTime.Zero, "VI_1", VrrpState.Backup, VrrpState.Master, 100);

    private string ReadWhenWritten(string path)
    {
        Poll.Require(() => File.Exists(path) && File.ReadAllText(path).EndsWith('\n'), TimeSpan.FromSeconds(20), $"{path} written by the script", () => _log.Text);
        return File.ReadAllText(path).Trim();
    }

    [SkippableFact]
    public void Notify_script_runs_as_the_script_user_with_only_the_script_group_and_a_clean_environment()
    {
        Skip.IfNot(_user.Available, "SKIPPED LOUDLY: needs root and useradd to create the script user");
        string idFile = Path.Combine(_out, "notify.id");
        string envFile = Path.Combine(_out, "notify.env");
        string script = Script(_dir, "notify.sh", $"grep -E '^Cap(Inh|Prm|Eff|Amb)' /proc/self/status > {envFile}.caps; env | sort > {envFile}; id > {envFile}.tmp.id; mv {envFile}.tmp.id {idFile}");
        Environment.SetEnvironmentVariable("APSEC_SECRET", "must-not-leak");
        try
        {
            using var d = new NotifyDispatcher(Config(new NotifyConfig { Master = script },
                new GlobalSettings { ScriptUser = $"{ScriptUserFixture.User} {ScriptUserFixture.Group}" }), Logger);
            d.Publish(ToMaster);
            Assert.Equal(_user.ExpectedId, ReadWhenWritten(idFile));
        }
        finally
        {
            Environment.SetEnvironmentVariable("APSEC_SECRET", null);
        }
        string env = File.ReadAllText(envFile);
        Assert.Contains("PATH=/usr/sbin:/usr/bin:/sbin:/bin\n", env);
        Assert.DoesNotContain("APSEC_SECRET", env);
        Assert.DoesNotContain("DOTNET_", env);
        // No capability survives the drop to a non-root user (permitted, effective, ambient all empty).
        foreach (string line in File.ReadAllLines(envFile + ".caps"))
            Assert.EndsWith("0000000000000000", line);
    }

    [SkippableFact]
    public void Fence_script_runs_as_the_script_user_with_only_the_script_group()
    {
        Skip.IfNot(_user.Available, "SKIPPED LOUDLY: needs root and useradd to create the script user");
        string idFile = Path.Combine(_out, "fence.id");
        string script = Script(_dir, "fence.sh", $"echo \"$1 $APPLIANCE_FENCE_PEER_ADDRESS\" > {idFile}.args; id > {idFile}.tmp; mv {idFile}.tmp {idFile}");
        var policy = ScriptPolicy.Resolve(new GlobalSettings { ScriptUser = ScriptUserFixture.User }, Logger);
        using var fencing = new FencingRunner(new FenceSettings { Command = script }, policy, Logger);

        Assert.True(fencing.Fence(2, IpAddr.FromV4(0x0AC80002u), "VI_1", "serial0"));

        Assert.Equal(_user.ExpectedId, ReadWhenWritten(idFile));
        Assert.Equal("2 10.200.0.2", File.ReadAllText(idFile + ".args").Trim());
    }

    [SkippableFact]
    public void Without_script_user_or_keepalived_script_user_scripts_run_as_root_and_a_warning_says_so()
    {
        Skip.IfNot(Shell.IsRoot, "SKIPPED LOUDLY: needs root");
        Skip.If(Shell.TryRun("getent", "passwd", ScriptPolicy.DefaultUserName).Code == 0, "keepalived_script exists on this host");
        var policy = ScriptPolicy.Resolve(new GlobalSettings(), Logger);
        Assert.Equal(0u, policy.User.Uid);
        Assert.Contains("default user 'keepalived_script' for script execution does not exist", _log.Text);
    }

    [Fact]
    public void A_script_user_that_does_not_exist_stops_start_up_with_a_sentence_naming_it()
    {
        var e = Assert.Throws<DaemonStartupException>(() => ScriptPolicy.Resolve(new GlobalSettings { ScriptUser = "apsec-nobody-here" }, Logger));
        Assert.Contains("script user 'apsec-nobody-here' does not exist", e.Message);
    }

    [SkippableFact]
    public void Unsafe_script_is_refused_at_run_time_under_script_security_and_check_gives_the_same_reason()
    {
        Skip.IfNot(Shell.IsRoot, "SKIPPED LOUDLY: needs root (the script must run as root to need protection)");
        // A root-owned script in a world-writable directory without the sticky bit: any local user
        // could replace it with their own program and have it run as root.
        string open = Path.Combine(_dir, "open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)0x1FF); // 0777, no sticky bit
        string marker = Path.Combine(_dir, "ran");
        string script = Script(open, "master.sh", $"touch {marker}");

        string conf = Path.Combine(_dir, "keepalived.conf");
        File.WriteAllText(conf, $$"""
            global_defs {
                script_user root
                enable_script_security
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface lo
                virtual_router_id 51
                priority 100
                notify_master {{script}}
                virtual_ipaddress {
                    10.9.9.9/32
                }
            }
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        CheckVerb.Execute([conf], stdout, stderr, host: null);
        string reason = $"directory {open} is writable by everybody (mode 0777)";
        Assert.Contains($"script '{script}' is insecure ({reason}); it is disabled", stderr.ToString());

        using var d = new NotifyDispatcher(Config(new NotifyConfig { Master = script }, new GlobalSettings { ScriptUser = "root", ScriptSecurity = true }), Logger);
        d.Publish(ToMaster);
        Poll.Require(() => d.ScriptsRefused == 1, TimeSpan.FromSeconds(10), "the script refused", () => _log.Text);
        Assert.True(d.Drain(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(marker), "the unsafe script did not run");
        Assert.Contains($"/etc/keepalived/keepalived.conf:7:1: vrrp_instance VI_1 notify_master: script {script} refused: it would run as root (uid 0, gid 0) but {reason}", _log.Text);

        // Fixed (0755, root's): the same script runs.
        File.SetUnixFileMode(open, (UnixFileMode)0x1ED);
        d.Publish(ToMaster);
        Poll.Require(() => File.Exists(marker), TimeSpan.FromSeconds(20), "the script, now safe, ran", () => _log.Text);
        Assert.Equal(1, d.ScriptsRefused);
    }

    [SkippableFact]
    public void Check_judges_a_vrrp_script_with_its_own_user_as_that_user()
    {
        Skip.IfNot(_user.Available, "SKIPPED LOUDLY: needs root and useradd to create the script user");
        string open = Path.Combine(_dir, "open");
        Directory.CreateDirectory(open);
        File.SetUnixFileMode(open, (UnixFileMode)0x1FF); // 0777: unsafe for root, irrelevant for the script user
        string tracked = Script(open, "chk.sh", "exit 0");
        string notify = Script(open, "master.sh", "exit 0");
        string conf = Path.Combine(_dir, "track.conf");
        File.WriteAllText(conf, $$"""
            global_defs {
                script_user root
                enable_script_security
            }
            vrrp_script chk {
                script {{tracked}}
                interval 1
                user {{ScriptUserFixture.User}}
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface lo
                virtual_router_id 51
                priority 100
                notify_master {{notify}}
                track_script {
                    chk
                }
                virtual_ipaddress {
                    10.9.9.9/32
                }
            }
            """);
        var stderr = new StringWriter();
        CheckVerb.Execute([conf], new StringWriter(), stderr, host: null);
        Assert.DoesNotContain($"'{tracked}' is insecure", stderr.ToString());
        Assert.Contains($"'{notify}' is insecure", stderr.ToString());
    }

    [SkippableFact]
    public void A_script_owned_by_another_user_is_unsafe_when_it_runs_as_root()
    {
        Skip.IfNot(_user.Available, "SKIPPED LOUDLY: needs root and useradd to create the script user");
        string script = Script(_dir, "theirs.sh", "true");
        Shell.Run("chown", ScriptUserFixture.User, script);

        Assert.Equal($"file {script} is owned by uid {_user.Uid}, not root",
            Platform.Linux.Processes.ScriptSafety.WhyUnsafe(script, Platform.Linux.Processes.ScriptIdentity.Root));
        // Run as that user, it needs no protection (keepalived: only root's scripts are checked).
        var asUser = Platform.Linux.Processes.UserDatabase.Resolve(ScriptUserFixture.User, null, out _)!;
        Assert.Null(Platform.Linux.Processes.ScriptSafety.WhyUnsafe(script, asUser));
    }

    [Fact]
    public void Launcher_identity_argument_round_trips()
    {
        var who = new Platform.Linux.Processes.ScriptIdentity("svc", 998, 997, [997]);
        Assert.True(ExecAsVerb.TryParseIdentity(ExecAsVerb.Format(who), out var back));
        Assert.Equal((who.User, who.Uid, who.Gid), (back!.User, back.Uid, back.Gid));
        Assert.Equal(who.Groups, back.Groups);
        Assert.False(ExecAsVerb.TryParseIdentity("svc:-1:0:0", out _));
    }

    private sealed class LogCollector : ILogEventSink
    {
        private readonly List<string> _lines = [];

        public string Text
        {
            get
            {
                lock (_lines) return string.Join('\n', _lines);
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_lines) _lines.Add(logEvent.RenderMessage().Replace("\"", "", StringComparison.Ordinal));
        }
    }
}
