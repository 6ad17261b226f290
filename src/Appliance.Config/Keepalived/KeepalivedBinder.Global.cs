using System.Collections.Immutable;
using Appliance.Config.Diagnostics;
using Appliance.Config.Model;
using Appliance.Config.Schema;
using K = Appliance.Config.Schema.Keywords;
using Appliance.Vrrp;

namespace Appliance.Config.Keepalived;

internal sealed partial class KeepalivedBinder
{
    private GlobalDefs BindGlobal(ConfNode block, GlobalDefs? previous)
    {
        var g = previous?.Settings ?? new GlobalSettings();
        var garp = g.Garp;
        bool accept = previous?.AcceptDefault ?? true;
        int downTimer = previous?.DownTimerAdverts ?? 3;
        bool lowerNoAdvert = previous?.LowerPrioNoAdvert ?? false;
        bool checkUnicastSrc = previous?.CheckUnicastSrc ?? false;
        bool higherSendAdvert = previous?.HigherPrioSendAdvert ?? false;
        foreach (var n in _a.Block(block))
        {
            if (!Admit(n, Blocks.Global, "global_defs")) continue;
            switch (n.Name)
            {
                case "router_id": g = g with { RouterId = _a.String(n) }; break;
                case "notification_email":
                    g = g with { NotificationEmails = Words(n) };
                    if (g.NotificationEmails.IsEmpty) _d.Warning(n.BlockEndLocation.Line > 0 ? n.BlockEndLocation : n.Location, DiagnosticCodes.MissingValue, "the notification_email block is empty", "list addresses in it, or leave it out");
                    break;
                case "notification_email_from": g = g with { NotificationEmailFrom = _a.String(n) }; break;
                case "smtp_server":
                    g = g with
                    {
                        SmtpServer = _a.String(n),
                        SmtpPort = n.Args.Count > 1 ? _a.Int(n, K.SmtpPort, i: 1) : 25,
                    };
                    break;
                case "smtp_connect_timeout": g = g with { SmtpConnectTimeoutSeconds = _a.Int(n, K.SmtpConnectTimeout) }; break;
                case "vrrp_version": g = g with { DefaultVersion = _a.Int(n, K.VrrpVersion) == 3 ? VrrpVersion.V3 : VrrpVersion.V2 }; break;
                case "vrrp_mcast_group4":
                    if (_a.Address(n) is { } m4)
                    {
                        if (m4.Family != IpFamily.IPv4 || !m4.IsMulticast) _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, "vrrp_mcast_group4 must be an IPv4 multicast address", "using 224.0.0.18");
                        else g = g with { MulticastGroup4 = m4 };
                    }
                    break;
                case "vrrp_mcast_group6":
                    if (_a.Address(n) is { } m6)
                    {
                        if (m6.Family != IpFamily.IPv6 || !m6.IsMulticast) _d.Lenient(n.Args[0].Location, DiagnosticCodes.InvalidValue, "vrrp_mcast_group6 must be an IPv6 multicast address", "using ff02::12");
                        else g = g with { MulticastGroup6 = m6 };
                    }
                    break;
                case "vrrp_garp_master_delay": garp = garp with { MasterDelay = _a.Seconds(n, K.GlobalGarpMasterDelay, garp.MasterDelay) }; break;
                case "vrrp_garp_master_repeat": garp = garp with { MasterRepeat = _a.Int(n, K.GlobalGarpMasterRepeat, garp.MasterRepeat) }; break;
                case "vrrp_garp_master_refresh": garp = garp with { MasterRefresh = _a.Seconds(n, K.GlobalGarpMasterRefresh, garp.MasterRefresh) }; break;
                case "vrrp_garp_master_refresh_repeat": garp = garp with { MasterRefreshRepeat = _a.Int(n, K.GlobalGarpMasterRefreshRepeat, garp.MasterRefreshRepeat) }; break;
                case "vrrp_garp_interval": WarnIfZeroInterval(n); garp = garp with { Interval = _a.Seconds(n, K.GlobalGarpInterval, garp.Interval) }; break;
                case "vrrp_gna_interval": WarnIfZeroInterval(n); garp = garp with { NaInterval = _a.Seconds(n, K.GlobalGnaInterval, garp.NaInterval) }; break;
                case "vrrp_garp_lower_prio_repeat": garp = garp with { LowerPriorityRepeat = _a.Int(n, K.GlobalGarpLowerPrioRepeat, garp.LowerPriorityRepeat ?? garp.MasterRepeat) }; break;
                case "vrrp_garp_lower_prio_delay": garp = garp with { LowerPriorityDelay = _a.Seconds(n, K.GlobalGarpLowerPrioDelay, garp.LowerPriorityDelay ?? garp.MasterDelay) }; break;
                case "enable_script_security": g = g with { ScriptSecurity = _a.Bool(n) }; break;
                case "script_user": g = g with { ScriptUser = _a.Rest(n) }; break;
                case "vrrp_notify_fifo" or "notify_fifo": g = g with { NotifyFifo = _a.String(n) }; break;
                case "vrrp_startup_delay": g = g with { StartupDelay = _a.Seconds(n, K.StartupDelay) }; break;
                case "vrrp_strict": accept = !_a.Bool(n); break;
                case "vrrp_down_timer_adverts": downTimer = _a.Int(n, K.GlobalDownTimerAdverts); break;
                case "vrrp_lower_prio_no_advert": lowerNoAdvert = _a.Bool(n); break;
                case "vrrp_higher_prio_send_advert": higherSendAdvert = _a.Bool(n); break;
                case "vrrp_check_unicast_src": checkUnicastSrc = true; break;
                case "enable_snmp_rfcv3" or "enable_snmp_rfc": g = g with { Operations = g.Operations with { SnmpEnabled = _a.Bool(n) } }; break;
                case "snmp_socket": g = g with { Operations = g.Operations with { SnmpSocket = _a.String(n) ?? OperationsSettings.DefaultAgentXSocket } }; break;
                case "enable_traps": g = g with { Operations = g.Operations with { SnmpTraps = _a.Bool(n) } }; break;
                case "metrics_listen": g = g with { Operations = g.Operations with { MetricsListen = _a.String(n) } }; break;
                default: break; // known to the schema, not bound: Admit has said so
            }
        }
        return new GlobalDefs(g with { Garp = garp }, accept, downTimer, lowerNoAdvert, checkUnicastSrc, higherSendAdvert);
    }
}
