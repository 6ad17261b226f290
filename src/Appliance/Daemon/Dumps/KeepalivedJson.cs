using System.Text.Json;
using Appliance.Host;
using Appliance.Vrrp;
using Appliance.Vrrp.Protocol;

namespace Appliance.Daemon.Dumps;

/// <summary>
/// keepalived.json as keepalived 2.2.7 writes it (vrrp_json.c, Debian builds with --enable-json): an
/// array with one <c>{"data": {...}, "stats": {...}}</c> object per instance, keepalived's field
/// names. Written with <see cref="Utf8JsonWriter"/> (no reflection: AOT-safe). Fields keepalived
/// has that we do not model (routes, rules, VMAC details) are left out rather than faked.
/// </summary>
internal static class KeepalivedJson
{
    public static byte[] Render(Daemon d, MonoTime now)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var h in d.Hosts) Instance(w, d, h, now);
            w.WriteEndArray();
        }
        return stream.ToArray();
    }

    private static void Instance(Utf8JsonWriter w, Daemon d, InstanceHost h, MonoTime now)
    {
        var i = h.Instance;
        var s = i.Settings;
        var cfg = h.Config;
        var garp = cfg.Garp ?? new Config.Model.GarpSettings();
        w.WriteStartObject();
        w.WriteStartObject("data");
        w.WriteString("iname", s.Name);
        w.WriteNumber("dont_track_primary", cfg.DontTrackPrimary ? 1 : 0);
        w.WriteString("vmac_ifname", h.VmacIndex != 0 ? h.Link.Name : "");
        w.WriteString("ifp_ifname", cfg.Interface);
        w.WriteNumber("master_priority", i.State == VrrpState.Master ? i.EffectivePriority : i.MasterPriority);
        double last = h.LastTransitionAt == default ? 0 : KeepalivedDumps.WallClock(h.LastTransitionAt, now).ToUnixTimeMilliseconds() / 1000.0;
        w.WriteNumber("last_transition", last);
        w.WriteNumber("garp_delay", garp.MasterDelay.Value / 100);
        w.WriteNumber("garp_refresh", garp.MasterRefresh.Value / 100);
        w.WriteNumber("garp_rep", garp.MasterRepeat);
        w.WriteNumber("garp_refresh_rep", garp.MasterRefreshRepeat);
        w.WriteNumber("lower_prio_no_advert", s.AdvertOnLowerPriority ? 0 : 1);
        w.WriteNumber("vrid", s.Vrid);
        w.WriteNumber("base_priority", s.Priority);
        w.WriteNumber("effective_priority", i.EffectivePriority);
        w.WriteBoolean("vipset", i.State == VrrpState.Master && h.VipsMissing == 0);
        w.WriteNumber("adver_int", s.AdvertInterval.Value / 100.0);
        w.WriteNumber("master_adver_int", i.MasterAdverInterval.Value / 100.0);
        w.WriteNumber("accept", s.AcceptMode || s.IsOwner ? 1 : 0);
        w.WriteBoolean("nopreempt", !s.Preempt);
        w.WriteNumber("preempt_delay", s.PreemptDelay.Value / 100);
        // keepalived's numbering: INIT 0, BACKUP 1, MASTER 2, FAULT 3 (ours is the same).
        w.WriteNumber("state", (int)i.State);
        w.WriteNumber("wantstate", (int)i.State);
        w.WriteNumber("version", (int)s.Version);
        w.WriteBoolean("smtp_alert", cfg.SmtpAlert);
        w.WriteStartArray("vips");
        foreach (var v in cfg.VirtualAddresses) w.WriteStringValue(KeepalivedDumps.Vip(v, h));
        w.WriteEndArray();
        if (!cfg.TrackInterfaces.IsDefaultOrEmpty)
        {
            w.WriteStartArray("track_ifp");
            foreach (var t in cfg.TrackInterfaces) w.WriteStringValue(t.Name);
            w.WriteEndArray();
        }
        if (!cfg.TrackScripts.IsDefaultOrEmpty)
        {
            w.WriteStartArray("track_script");
            // keepalived prints each script's command line, quoted.
            foreach (var t in cfg.TrackScripts)
            {
                string? command = null;
                foreach (var sc in d.Config.Scripts)
                    if (sc.Name == t.Name) command = sc.Script;
                w.WriteStringValue(command is null ? t.Name : $"'{command}'");
            }
            w.WriteEndArray();
        }
        w.WriteNumber("auth_type", s.AuthType == Vrrp.Protocol.AuthType.SimpleText ? 1 : 0);
        if (s.AuthType == Vrrp.Protocol.AuthType.SimpleText)
            w.WriteString("auth_data", System.Text.Encoding.ASCII.GetString(s.AuthData.AsSpan()).TrimEnd('\0'));
        w.WriteEndObject();

        var st = InstanceStats.Of(h);
        w.WriteStartObject("stats");
        w.WriteNumber("advert_rcvd", st.AdvertRcvd);
        w.WriteNumber("advert_sent", st.AdvertSent);
        w.WriteNumber("become_master", st.BecomeMaster);
        w.WriteNumber("release_master", st.ReleaseMaster);
        w.WriteNumber("packet_len_err", st.PacketLenErr);
        w.WriteNumber("advert_interval_err", st.AdvertIntervalErr);
        w.WriteNumber("ip_ttl_err", st.IpTtlErr);
        w.WriteNumber("invalid_type_rcvd", st.InvalidTypeRcvd);
        w.WriteNumber("addr_list_err", st.AddrListErr);
        w.WriteNumber("invalid_authtype", st.InvalidAuthType);
        w.WriteNumber("authtype_mismatch", st.AuthTypeMismatch);
        w.WriteNumber("auth_failure", st.AuthFailure);
        w.WriteNumber("pri_zero_rcvd", st.PriZeroRcvd);
        w.WriteNumber("pri_zero_sent", st.PriZeroSent);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
