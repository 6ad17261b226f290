using Appliance.Cli;
using Appliance.Config;
using Appliance.Config.Validation;
using Appliance.Testing.Lab;

namespace Appliance.Integration.Tests.Cli;

/// <summary>
/// Each exit-code rule of <c>check</c>, proven against keepalived 2.2.7 itself: the same crafted file goes to
/// <c>keepalived -t</c> in a namespace holding eth0 and eth1 (veth, this kernel has no dummy) and to
/// <c>check</c> on a host with the same interfaces and this machine's scripts.
/// </summary>
public sealed class KeepalivedTLiveParityTests : IDisposable
{
    private const string Keepalived = "/usr/sbin/keepalived";
    private readonly string _dir = Directory.CreateTempSubdirectory("apkt").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Base = """
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority 100
            virtual_ipaddress {
                192.0.2.1/24
            }
        }

        """;

    private const string Lvs = """
        virtual_server 192.0.2.1 80 {
            lb_algo rr
            lb_kind DR
            protocol TCP
            real_server 192.0.2.10 80 {
                TCP_CHECK {
                    connect_timeout 3
                }
            }
        }

        """;

    private const string TrueScript = "vrrp_script chk {\n    script /bin/true\n}\n";

    private sealed class TwoInterfaces(HostProbe scripts) : HostProbe
    {
        public override bool InterfaceExists(string name) => name is "eth0" or "eth1";
        public override string? Resolve(string program) => scripts.Resolve(program);
        public override string? WhyInsecure(string path) => scripts.WhyInsecure(path);
        public override bool UserExists(string name) => scripts.UserExists(name);
    }

    public static TheoryData<string, string> Cases() => new()
    {
        { "clean", Base },
        { "a keyword without its value", Base.Replace("priority 100", "priority") },
        { "router_id without its value", "global_defs {\n    router_id\n}\n" + Base },
        { "nopreempt with state MASTER", Base.Replace("state BACKUP", "state MASTER\n    nopreempt") },
        { "two instances with one VRID", Base + Base.Replace("VI_1", "VI_2").Replace("192.0.2.1", "192.0.2.2") },
        { "no virtual_router_id", Base.Replace("    virtual_router_id 51\n", "") },
        { "no interface", Base.Replace("    interface eth0\n", "") },
        { "a missing interface", Base.Replace("interface eth0", "interface eth9") },
        { "an unknown keyword", Base.Replace("priority 100", "priority 100\n    frobnicate 1") },
        { "a deprecated keyword", Base.Replace("priority 100", "priority 100\n    lvs_sync_daemon_interface eth0") },
        { "a secure script without script security", TrueScript + Base.Replace("priority 100", "priority 100\n    track_script {\n        chk\n    }") },
        { "script security with script_user root", "global_defs {\n    enable_script_security\n    script_user root\n}\n" + TrueScript + Base },
        { "a missing tracking script", TrueScript.Replace("/bin/true", "/nonexistent/chk.sh") + Base.Replace("priority 100", "priority 100\n    track_script {\n        chk\n    }") },
        { "a missing notify script", Base.Replace("priority 100", "priority 100\n    notify_master /nonexistent/up.sh") },
        { "a vrrp_script below its use", "global_defs {\n    enable_script_security\n    script_user root\n}\n" + Base.Replace("priority 100", "priority 100\n    track_script {\n        chk\n    }") + TrueScript },
        { "a clean LVS virtual_server", Base + Lvs },
        { "nb_get_retry in LVS", Base + Lvs.Replace("connect_timeout 3", "nb_get_retry 3") },
        { "an LVS virtual_server without protocol", Base + Lvs.Replace("    protocol TCP\n", "") },
        { "a zero GARP spacing", "global_defs {\n    vrrp_garp_interval 0\n}\n" + Base },
        { "a static address on a missing interface", "static_ipaddress {\n    192.0.2.50/24 dev eth7\n}\n" + Base },
        { "priority 255 without owning the address", Base.Replace("priority 100", "priority 255") },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Check_exits_as_keepalived_t_does(string what, string conf)
    {
        LabRequirements.RequireNamespaces();
        Skip.IfNot(File.Exists(Keepalived), "SKIPPED LOUDLY: keepalived 2.2.7 is not installed; run ./build.sh setup");
        string path = Path.Combine(_dir, "keepalived.conf");
        File.WriteAllText(path, conf);

        int theirs;
        using (var ns = NetNs.Create("apkt" + Guid.NewGuid().ToString("N")[..8]))
        {
            ns.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "zzp0");
            ns.Ip("link", "add", "eth1", "type", "veth", "peer", "name", "zzp1");
            theirs = ns.Exec(Keepalived, "-t", "-f", path).Code;
        }
        var ours = CheckVerb.Check(path, new ConfigLoadOptions(), model => new TwoInterfaces(new LinuxHostProbe(model)));

        Assert.True(theirs == ours.Code, $"{what}: keepalived -t exits {theirs}, check {ours.Code}\n{string.Join("\n", ours.Diagnostics)}");
    }
}
