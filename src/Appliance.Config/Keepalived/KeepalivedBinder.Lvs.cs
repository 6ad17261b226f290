using Appliance.Config.Diagnostics;

namespace Appliance.Config.Keepalived;

internal sealed partial class KeepalivedBinder
{
    /// <summary>
    /// appliance does not run LVS (virtual_server is read, not acted on), but keepalived does and its -t
    /// complains about a few things real configurations carry: no protocol or lb_kind, a zero
    /// persistence_timeout or quorum (out of its range) and the old nb_get_retry spelling. Said here so that check locates what keepalived would.
    /// </summary>
    private void LintLvs(ConfNode block)
    {
        if (block.Block is null) return;
        if (block.Name == "virtual_server")
        {
            bool protocol = false, method = false;
            foreach (var n in block.Block)
            {
                protocol |= n.Name == "protocol";
                method |= n.Name is "lb_kind" or "lvs_method";
            }
            if (!protocol) _d.Warning(block.Location, DiagnosticCodes.KeepalivedDiffers, "virtual_server without protocol: keepalived 2.2.7 warns and balances UDP", "add protocol TCP (or UDP, SCTP)");
            if (!method) _d.Warning(block.Location, DiagnosticCodes.KeepalivedDiffers, "virtual_server without lb_kind: keepalived 2.2.7 warns and uses NAT", "add lb_kind NAT, DR or TUN");
        }
        var pending = new Stack<ConfNode>();
        pending.Push(block);
        while (pending.Count > 0)
        {
            var b = pending.Pop();
            foreach (var n in b.Block!)
            {
                if (n.Block is not null) pending.Push(n);
                switch (n.Name)
                {
                    case "nb_get_retry":
                        _d.Warning(n.Location, DiagnosticCodes.KeepalivedDiffers, "nb_get_retry is deprecated in keepalived 2.2.7", "use retry");
                        break;
                    case "persistence_timeout" when IsZero(n):
                        _d.Warning(n.Args[0].Location, DiagnosticCodes.OutOfRange, "persistence_timeout 0 is outside keepalived's range 1..2678400; keepalived ignores it", "leave the line out for no persistence");
                        break;
                    case "quorum" when IsZero(n):
                        _d.Warning(n.Args[0].Location, DiagnosticCodes.OutOfRange, "quorum 0 is outside keepalived's range (at least 1); keepalived uses 1");
                        break;
                }
            }
        }
    }

    private static bool IsZero(ConfNode n) => n.Args.Count > 0 && n.Args[0].Text == "0";
}
