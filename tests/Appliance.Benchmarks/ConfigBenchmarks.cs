using System.Text;
using Appliance.Config;
using Appliance.Config.Toml;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks;

/// <summary>
/// Reading a large configuration: 1,000 vrrp_instance blocks (4 interfaces × 250 VRIDs, each with two
/// VIPs, a unicast peer and a tracked script) in keepalived syntax and as the converted TOML.
/// Start-up and reload cost, not a hot path, but it should stay well under a second on an edge box.
/// </summary>
[MemoryDiagnoser]
public class ConfigBenchmarks
{
    private static readonly ConfigLoadOptions s_options = new() { ConfigId = "bench" };
    private string _conf = "";
    private string _toml = "";

    [GlobalSetup]
    public void Setup()
    {
        _conf = Generate(1000);
        var loaded = ConfigLoader.LoadText(_conf, "bench.conf", s_options);
        if (loaded.Config is null || loaded.Config.Instances.Length != 1000)
            throw new InvalidOperationException("the generated configuration does not load: " + string.Join("\n", loaded.Diagnostics));
        _toml = TomlConfigWriter.Write(loaded.Config);
    }

    /// <summary>A keepalived.conf with <paramref name="instances"/> instances, 250 VRIDs per interface.</summary>
    public static string Generate(int instances)
    {
        var sb = new StringBuilder();
        sb.Append("global_defs {\n    router_id bench\n    vrrp_version 3\n}\n\n");
        sb.Append("vrrp_script chk {\n    script \"/usr/bin/true\"\n    interval 2\n    weight -10\n}\n\n");
        for (int n = 0; n < instances; n++)
        {
            int iface = n / 250, vrid = n % 250 + 1;
            sb.Append($$"""
                vrrp_instance VI_{{n}} {
                    state BACKUP
                    interface eth{{iface}}
                    virtual_router_id {{vrid}}
                    priority {{100 + n % 50}}
                    advert_int 0.5
                    unicast_src_ip 10.{{iface}}.{{vrid}}.2
                    unicast_peer {
                        10.{{iface}}.{{vrid}}.3
                    }
                    virtual_ipaddress {
                        10.{{iface}}.{{vrid}}.1/24 dev eth{{iface}} label eth{{iface}}:v{{vrid}}
                        10.{{100 + iface}}.{{vrid}}.1/32
                    }
                    track_script {
                        chk
                    }
                    notify_master "/usr/local/bin/notify master VI_{{n}}"
                }

                """);
        }
        return sb.ToString();
    }

    [Benchmark(Baseline = true)]
    public int LoadKeepalivedConf1000() => ConfigLoader.LoadText(_conf, "bench.conf", s_options).Config!.Instances.Length;

    [Benchmark]
    public int LoadToml1000() => ConfigLoader.LoadText(_toml, "bench.toml", s_options).Config!.Instances.Length;

    [Benchmark]
    public int WriteToml1000() => TomlConfigWriter.Write(ConfigLoader.LoadText(_conf, "bench.conf", s_options).Config!).Length;
}
