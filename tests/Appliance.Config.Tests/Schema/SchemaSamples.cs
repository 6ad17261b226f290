using System.Globalization;
using System.Text;
using Appliance.Config.Schema;

namespace Appliance.Config.Tests.Schema;

/// <summary>
/// Writes the smallest configuration that uses one schema keyword, in either format, with a valid
/// value of its kind, inside whatever its block needs. Returns the line the keyword is on.
/// </summary>
internal static class SchemaSamples
{
    private const string HexKey = "00112233445566778899aabbccddeeff";

    public static (string Text, int Line) Keepalived(Keyword k)
    {
        string line = $"{k.Name} {KeepalivedValue(k)}".TrimEnd();
        var (before, after) = k.Block switch
        {
            Blocks.Top => ("", ""),
            Blocks.Global => ("global_defs {\n", "}\n"),
            Blocks.Instance => (InstanceHead(k.Name), "}\n"),
            Blocks.Authentication => (InstanceHead(null) + "authentication {\n" + (k.Name == "auth_type" ? "auth_pass secret\n" : "auth_type PASS\n"), "}\n}\n"),
            Blocks.SyncGroup => ("vrrp_sync_group G {\n" + (k.Name == "group" ? "" : "group {\nVI_1\n}\n"), "}\n"),
            Blocks.Script => ("vrrp_script S {\n" + (k.Name == "script" ? "" : "script /bin/true\n"), "}\n"),
            Blocks.TrackFile => ("track_file F {\n" + (k.Name == "file" ? "" : "file /tmp/f\n"), "}\n"),
            Blocks.TrackProcess => ("vrrp_track_process P {\n" + (k.Name == "process" ? "" : "process sshd\n"), "}\n"),
            Blocks.Heartbeat => ("appliance_heartbeat {\n", "}\n"),
            Blocks.Channel => ("appliance_heartbeat {\nchannel c {\n", "}\n}\n"),
            Blocks.Fence => ("appliance_heartbeat {\nfence {\n" + (k.Name == "command" ? "" : "command /bin/true\n"), "}\n}\n"),
            Blocks.Board => ("appliance_board {\n", "}\n"),
            Blocks.Leds => ("appliance_board {\nleds {\n", "}\n}\n"),
            Blocks.Watchdog => ("appliance_board {\nwatchdog {\n", "}\n}\n"),
            _ => throw new InvalidOperationException(k.Block),
        };
        return (before + line + "\n" + after, before.Count(c => c == '\n') + 1);
    }

    /// <summary>The line its not-acted-on block keyword is on, when the keyword sits inside one.</summary>
    public static Keyword? NotActedParent(Keyword k) => k.Block switch
    {
        Blocks.SyncGroup => Keywords.VrrpSyncGroup,
        Blocks.Script => Keywords.VrrpScript,
        Blocks.TrackFile => Keywords.TrackFileBlock,
        _ => null,
    } is { Status: not KeywordStatus.Acted } p ? p : null;

    private static string InstanceHead(string? skip)
    {
        var sb = new StringBuilder("vrrp_instance VI_1 {\n");
        if (skip != "interface") sb.Append("interface eth0\n");
        if (skip != "virtual_router_id") sb.Append("virtual_router_id 51\n");
        if (skip != "virtual_ipaddress") sb.Append("virtual_ipaddress {\n10.0.0.1/24\n}\n");
        return sb.ToString();
    }

    private static string Num(double? v) => (v ?? 1).ToString(CultureInfo.InvariantCulture);

    private static string KeepalivedValue(Keyword k) => k.Kind switch
    {
        ValueKind.Flag => "",
        ValueKind.Bool => "on",
        ValueKind.Integer or ValueKind.Seconds => Num(k.Min),
        ValueKind.Address => k.Name switch
        {
            "vrrp_mcast_group4" => "224.0.0.19",
            "vrrp_mcast_group6" => "ff02::13",
            "mcast_dst_ip" => "224.0.0.20",
            _ => "10.0.0.9",
        },
        ValueKind.Command => "/bin/true",
        ValueKind.Choice => k.Name switch
        {
            "old_unicast_checksum" => "",
            "on_lan_fault" => "go_fault",
            _ => k.Allowed[0],
        },
        ValueKind.Text => k.Name switch
        {
            "key" => HexKey,
            "script_user" or "user" => "nobody",
            _ => "x",
        },
        ValueKind.List => "{\n" + ListItem(k.Name!) + "\n}",
        ValueKind.Block => k.Name switch
        {
            "vrrp_instance" => "VI_2 {\ninterface eth0\nvirtual_router_id 52\nvirtual_ipaddress {\n10.0.0.2\n}\n}",
            "vrrp_sync_group" => "G {\ngroup {\nVI_1\n}\n}",
            "vrrp_script" => "S {\nscript /bin/true\n}",
            "track_file" or "vrrp_track_file" => "F {\nfile /tmp/f\n}",
            "vrrp_track_process" => "P {\nprocess sshd\n}",
            "channel" => "c {\ninterface eth1\n}",
            "fence" => "{\ncommand /bin/true\n}",
            "authentication" => "{\nauth_type PASS\nauth_pass secret\n}",
            _ => "X {\n}",
        },
        _ => throw new InvalidOperationException(k.Kind.ToString()),
    };

    private static string ListItem(string name) => name switch
    {
        "virtual_ipaddress" or "virtual_ipaddress_excluded" => "10.0.0.9/24",
        "unicast_peer" => "10.0.0.2",
        "group" => "VI_1",
        "notification_email" => "ops@example.net",
        "virtual_routes" => "10.1.0.0/16 via 10.0.0.254",
        "virtual_rules" => "from 10.0.0.0/8 table 100",
        _ => "x",
    };

    public static string Toml(Keyword k)
    {
        string table = k.TomlTable ?? "";
        string key = k.TomlKey!;
        string assignment = k.Kind == ValueKind.Block ? "" : $"{key} = {TomlValue(k)}\n";
        string root = table.Split('.')[0];
        string head = (root, table) switch
        {
            ("", _) => k.Kind == ValueKind.Block ? BlockHead(key, null) : "",
            ("instance", _) => BlockHead("instance", key) + (table == "instance" ? "" : $"[{table}]\n"),
            ("sync_group", _) => BlockHead("sync_group", key) + (table == "sync_group" ? "" : $"[{table}]\n"),
            ("script", _) => BlockHead("script", key),
            ("track_file", _) => BlockHead("track_file", key),
            ("track_process", _) => BlockHead("track_process", key),
            ("heartbeat", "heartbeat.channel") => "[[heartbeat.channel]]\n" + (key == "name" ? "" : "name = \"c\"\n"),
            (_, _) => $"[{table}]\n",
        };
        if (k.Kind == ValueKind.Block && root != "")
            head += k.Toml switch
            {
                "heartbeat.channel" => "[[heartbeat.channel]]\nname = \"c\"\n",
                _ => $"[{k.Toml}]\n",
            };
        return head + assignment;
    }

    private static string BlockHead(string table, string? skip) => table switch
    {
        "instance" => "[[instance]]\n" + (skip == "name" ? "" : "name = \"VI_1\"\n") + (skip == "interface" ? "" : "interface = \"eth0\"\n")
            + (skip == "vrid" ? "" : "vrid = 51\n") + (skip == "virtual_addresses" ? "" : "virtual_addresses = [\"10.0.0.1/24\"]\n"),
        "sync_group" => "[[sync_group]]\n" + (skip == "name" ? "" : "name = \"G\"\n") + (skip == "instances" ? "" : "instances = [\"VI_1\"]\n"),
        "script" => "[[script]]\n" + (skip == "name" ? "" : "name = \"S\"\n") + (skip == "script" ? "" : "script = \"/bin/true\"\n"),
        "track_file" => "[[track_file]]\n" + (skip == "name" ? "" : "name = \"F\"\n") + (skip == "file" ? "" : "file = \"/tmp/f\"\n"),
        "track_process" => "[[track_process]]\n" + (skip == "name" ? "" : "name = \"P\"\n") + (skip == "process" ? "" : "process = \"sshd\"\n"),
        _ => $"[{table}]\n",
    };

    private static string TomlValue(Keyword k) => k.Kind switch
    {
        ValueKind.Flag or ValueKind.Bool => "true",
        ValueKind.Integer or ValueKind.Seconds => Num(k.Min),
        ValueKind.Address => k.Name is "mcast_dst_ip" or "vrrp_mcast_group4" ? "\"224.0.0.20\"" : k.Name is "vrrp_mcast_group6" ? "\"ff02::13\"" : "\"10.0.0.9\"",
        ValueKind.Command => "\"/bin/true\"",
        ValueKind.Choice => "\"" + k.Allowed[0].ToLowerInvariant() + "\"",
        ValueKind.Text => k.TomlKey switch
        {
            "key" => $"\"{HexKey}\"",
            _ => "\"x\"",
        },
        ValueKind.List => k.TomlKey switch
        {
            "virtual_addresses" or "excluded_addresses" => "[\"10.0.0.9/24\"]",
            "unicast_peers" => "[\"10.0.0.2\"]",
            "instances" => "[\"VI_1\"]",
            _ => "[\"x\"]",
        },
        _ => throw new InvalidOperationException(k.Kind.ToString()),
    };
}
