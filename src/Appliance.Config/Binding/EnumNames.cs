using Appliance.Board;
using Appliance.Heartbeat;
using Appliance.Vrrp.Wire;

namespace Appliance.Config.Binding;

/// <summary>The words both file formats use for enum values (kebab-case in TOML, snake or kebab in keepalived.conf).</summary>
internal static class EnumNames
{
    public const string LedBackendList = "auto, none, console, gpio, led-class";
    public const string WatchdogKindList = "none, device, gpio-wdi, systemd";
    public const string ChecksumList = "message-only, pseudo-header, pseudo-header-multicast";

    private static string Norm(string s) => s.Replace('_', '-').ToLowerInvariant();

    public static bool TryLedBackend(string s, out LedBackend v)
    {
        switch (Norm(s))
        {
            case "auto": v = LedBackend.Auto; return true;
            case "none": v = LedBackend.None; return true;
            case "console": v = LedBackend.Console; return true;
            case "gpio": v = LedBackend.Gpio; return true;
            case "led-class" or "ledclass": v = LedBackend.LedClass; return true;
        }
        v = default;
        return false;
    }

    public static string Of(LedBackend v) => v switch
    {
        LedBackend.None => "none",
        LedBackend.Console => "console",
        LedBackend.Gpio => "gpio",
        LedBackend.LedClass => "led-class",
        _ => "auto",
    };

    public static bool TryWatchdogKind(string s, out WatchdogKind v)
    {
        switch (Norm(s))
        {
            case "none": v = WatchdogKind.None; return true;
            case "device": v = WatchdogKind.Device; return true;
            case "gpio-wdi": v = WatchdogKind.GpioWdi; return true;
            case "systemd": v = WatchdogKind.Systemd; return true;
        }
        v = default;
        return false;
    }

    public static string Of(WatchdogKind v) => v switch
    {
        WatchdogKind.Device => "device",
        WatchdogKind.GpioWdi => "gpio-wdi",
        WatchdogKind.Systemd => "systemd",
        _ => "none",
    };

    public static bool TryChecksum(string s, out ChecksumForm v)
    {
        switch (Norm(s))
        {
            case "message-only": v = ChecksumForm.MessageOnly; return true;
            case "pseudo-header": v = ChecksumForm.PseudoHeader; return true;
            case "pseudo-header-multicast": v = ChecksumForm.PseudoHeaderMulticastDestination; return true;
        }
        v = default;
        return false;
    }

    public static string Of(ChecksumForm v) => v switch
    {
        ChecksumForm.MessageOnly => "message-only",
        ChecksumForm.PseudoHeaderMulticastDestination => "pseudo-header-multicast",
        _ => "pseudo-header",
    };

    public static string Of(LanFaultPolicy v) => v == LanFaultPolicy.GoFault ? "go-fault" : "stay-backup";

    public static string Of(HeartbeatChannelKind v) => v == HeartbeatChannelKind.Serial ? "serial" : "link";
}
