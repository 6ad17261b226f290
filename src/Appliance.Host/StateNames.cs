using Appliance.Vrrp.Protocol;
using Appliance.Vrrp.Wire;

namespace Appliance.Host;

/// <summary>Names for logs and the status file, as keepalived prints them; looked up, never formatted, so the hot path does not allocate.</summary>
public static class StateNames
{
    private static readonly string[] s_dropNames = BuildDropNames();

    public static string Of(VrrpState s) => s switch
    {
        VrrpState.Initialize => "INIT",
        VrrpState.Backup => "BACKUP",
        VrrpState.Master => "MASTER",
        VrrpState.Fault => "FAULT",
        _ => "UNKNOWN",
    };

    public static string Of(DropReason r) => (int)r < s_dropNames.Length ? s_dropNames[(int)r] : "Unknown";

    public static int DropReasonSlots => s_dropNames.Length;

    private static string[] BuildDropNames()
    {
        int max = 0;
        foreach (var r in Enum.GetValues<DropReason>()) max = Math.Max(max, (int)r);
        var names = new string[max + 1];
        for (int i = 0; i <= max; i++) names[i] = ((DropReason)i).ToString();
        return names;
    }
}
