using Appliance.Config.Binding;

namespace Appliance.Config.Schema;

public static partial class Keywords
{
    private const string H = Blocks.Heartbeat;

    /// <summary>node_id.</summary>
    public static readonly Keyword NodeId = Add(new() { Block = H, Name = "node_id", Toml = "heartbeat.node_id", Kind = ValueKind.Integer, Min = 0, Max = 65535, Default = 0, DefaultText = "derived from router_id", Summary = "this node's id on the heartbeat channels (0: derive from router_id)" });
    /// <summary>on_lan_fault.</summary>
    public static readonly Keyword OnLanFault = Add(new() { Block = H, Name = "on_lan_fault", Toml = "heartbeat.on_lan_fault", Kind = ValueKind.Choice, Allowed = ["stay-backup", "go-fault"], DefaultText = "stay-backup", Summary = "what a backup does when the peer is alive on a heartbeat channel but its adverts stopped" });
    /// <summary>channel NAME { }.</summary>
    public static readonly Keyword Channel = Add(new() { Block = H, Name = "channel", Toml = "heartbeat.channel", Kind = ValueKind.Block, Summary = "one heartbeat path (TOML: [[heartbeat.channel]] with name)" });
    /// <summary>fence { }.</summary>
    public static readonly Keyword Fence = Add(new() { Block = H, Name = "fence", Toml = "heartbeat.fence", Kind = ValueKind.Block, Summary = "a command that fences the peer on split brain" });

    private const string C = Blocks.Channel;

    /// <summary>The channel's name.</summary>
    public static readonly Keyword ChannelName = Add(new() { Block = C, Toml = "heartbeat.channel.name", Kind = ValueKind.Text, Summary = "the channel's name (keepalived syntax: channel NAME); required" });
    /// <summary>kind.</summary>
    public static readonly Keyword ChannelKind = Add(new() { Block = C, Name = "kind", Toml = "heartbeat.channel.kind", Kind = ValueKind.Choice, Allowed = ["link", "serial"], DefaultText = "link (serial when only device is set)", Summary = "a second NIC (UDP) or a serial line" });
    /// <summary>interface.</summary>
    public static readonly Keyword ChannelInterface = Add(new() { Block = C, Name = "interface", Toml = "heartbeat.channel.interface", Kind = ValueKind.Text, Summary = "NIC of a link channel" });
    /// <summary>local_address.</summary>
    public static readonly Keyword ChannelLocalAddress = Add(new() { Block = C, Name = "local_address", Toml = "heartbeat.channel.local_address", Kind = ValueKind.Address, Summary = "our address on a link channel" });
    /// <summary>peer_address.</summary>
    public static readonly Keyword ChannelPeerAddress = Add(new() { Block = C, Name = "peer_address", Toml = "heartbeat.channel.peer_address", Kind = ValueKind.Address, Summary = "the peer's address on a link channel" });
    /// <summary>port.</summary>
    public static readonly Keyword ChannelPort = Add(new() { Block = C, Name = "port", Toml = "heartbeat.channel.port", Kind = ValueKind.Integer, Min = 1, Max = 65535, Default = 7112, Summary = "UDP port of a link channel" });
    /// <summary>device.</summary>
    public static readonly Keyword ChannelDevice = Add(new() { Block = C, Name = "device", Toml = "heartbeat.channel.device", Kind = ValueKind.Text, Summary = "serial device (/dev/ttyS1)" });
    /// <summary>baud.</summary>
    public static readonly Keyword ChannelBaud = Add(new() { Block = C, Name = "baud", Toml = "heartbeat.channel.baud", Kind = ValueKind.Integer, Min = 9600, Max = 921600, Default = 19200, Unit = "baud", Summary = "serial line speed (8N1, raw)" });
    /// <summary>rtscts.</summary>
    public static readonly Keyword ChannelRtsCts = Add(new() { Block = C, Name = "rtscts", Toml = "heartbeat.channel.rtscts", Kind = ValueKind.Bool, DefaultText = "off", Summary = "hardware flow control" });
    /// <summary>interval.</summary>
    public static readonly Keyword ChannelInterval = Add(new() { Block = C, Name = "interval", Toml = "heartbeat.channel.interval", Kind = ValueKind.Seconds, Min = 0.01, Max = 60, Default = 1, Unit = "s", Summary = "send a heartbeat this often" });
    /// <summary>dead_time.</summary>
    public static readonly Keyword ChannelDeadTime = Add(new() { Block = C, Name = "dead_time", Toml = "heartbeat.channel.dead_time", Kind = ValueKind.Seconds, Min = 0.01, Max = 600, Default = 3, Unit = "s", Summary = "the peer is dead on this channel after this long without a frame" });
    /// <summary>key.</summary>
    public static readonly Keyword ChannelKey = Add(new() { Block = C, Name = "key", Toml = "heartbeat.channel.key", Kind = ValueKind.Text, Min = HeartbeatKey.MinBytes, DefaultText = "none: frames are not authenticated", Summary = $"HMAC key, hexadecimal, at least {HeartbeatKey.MinBytes} bytes ({2 * HeartbeatKey.MinBytes} hex digits)" });

    private const string Fn = Blocks.Fence;

    /// <summary>command.</summary>
    public static readonly Keyword FenceCommand = Add(new() { Block = Fn, Name = "command", Toml = "heartbeat.fence.command", Kind = ValueKind.Command, Summary = "the fence command line; required" });
    /// <summary>after.</summary>
    public static readonly Keyword FenceAfter = Add(new() { Block = Fn, Name = "after", Toml = "heartbeat.fence.after", Kind = ValueKind.Seconds, Min = 0, Max = 3600, Default = 5, Unit = "s", Summary = "fence when split brain lasts this long" });
    /// <summary>max_random_delay.</summary>
    public static readonly Keyword FenceMaxRandomDelay = Add(new() { Block = Fn, Name = "max_random_delay", Toml = "heartbeat.fence.max_random_delay", Kind = ValueKind.Seconds, Min = 0, Max = 3600, Default = 2, Unit = "s", Summary = "random extra delay so two nodes do not fence each other at once" });

    private const string B = Blocks.Board;

    /// <summary>profile.</summary>
    public static readonly Keyword BoardProfile = Add(new() { Block = B, Name = "profile", Toml = "board.profile", Kind = ValueKind.Text, Summary = "board profile name (board/*.toml)" });
    /// <summary>profile_directory.</summary>
    public static readonly Keyword BoardProfileDirectory = Add(new() { Block = B, Name = "profile_directory", Toml = "board.profile_directory", Kind = ValueKind.Text, Summary = "where board profiles are looked up" });
    /// <summary>leds.</summary>
    public static readonly Keyword BoardLeds = Add(new() { Block = B, Name = "leds", Toml = "leds", Kind = ValueKind.Block, Summary = "status LEDs (leds BACKEND, or a block)" });
    /// <summary>watchdog.</summary>
    public static readonly Keyword BoardWatchdog = Add(new() { Block = B, Name = "watchdog", Toml = "watchdog", Kind = ValueKind.Block, Summary = "hardware or systemd watchdog" });

    /// <summary>backend.</summary>
    public static readonly Keyword LedsBackend = Add(new() { Block = Blocks.Leds, Name = "backend", Toml = "leds.backend", Kind = ValueKind.Choice, Allowed = ["auto", "none", "console", "gpio", "led-class"], DefaultText = "auto", Summary = "how LEDs are driven" });
    /// <summary>alert_hold.</summary>
    public static readonly Keyword LedsAlertHold = Add(new() { Block = Blocks.Leds, Name = "alert_hold", Toml = "leds.alert_hold", Kind = ValueKind.Seconds, Min = 0, Max = 3600, Default = 10, Unit = "s", Summary = "keep an alert pattern shown at least this long" });

    private const string W = Blocks.Watchdog;

    /// <summary>kind.</summary>
    public static readonly Keyword WatchdogKind = Add(new() { Block = W, Name = "kind", Toml = "watchdog.kind", Kind = ValueKind.Choice, Allowed = ["none", "device", "gpio-wdi", "systemd"], DefaultText = "none", Summary = "which watchdog is petted" });
    /// <summary>device.</summary>
    public static readonly Keyword WatchdogDevice = Add(new() { Block = W, Name = "device", Toml = "watchdog.device", Kind = ValueKind.Text, DefaultText = "the board's", Summary = "watchdog device (/dev/watchdog0)" });
    /// <summary>timeout.</summary>
    public static readonly Keyword WatchdogTimeout = Add(new() { Block = W, Name = "timeout", Toml = "watchdog.timeout", Kind = ValueKind.Integer, Min = 0, Max = 3600, Default = 0, DefaultText = "0: the board profile's", Unit = "s", Summary = "watchdog timeout to set" });
    /// <summary>pet_interval.</summary>
    public static readonly Keyword WatchdogPetInterval = Add(new() { Block = W, Name = "pet_interval", Toml = "watchdog.pet_interval", Kind = ValueKind.Seconds, Min = 0, Max = 3600, DefaultText = "0: a quarter of the timeout", Unit = "s", Summary = "pet this often" });
    /// <summary>max_loop_lateness.</summary>
    public static readonly Keyword WatchdogMaxLoopLateness = Add(new() { Block = W, Name = "max_loop_lateness", Toml = "watchdog.max_loop_lateness", Kind = ValueKind.Seconds, Min = 0, Max = 3600, DefaultText = "0: half the pet interval", Unit = "s", Summary = "stop petting when the loop is this late" });
    /// <summary>disarm_on_clean_stop.</summary>
    public static readonly Keyword WatchdogDisarm = Add(new() { Block = W, Name = "disarm_on_clean_stop", Toml = "watchdog.disarm_on_clean_stop", Kind = ValueKind.Bool, DefaultText = "on", Summary = "disarm the watchdog on a clean stop" });
}
