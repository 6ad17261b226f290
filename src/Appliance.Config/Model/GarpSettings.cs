using Appliance.Vrrp;

namespace Appliance.Config.Model;

/// <summary>keepalived's gratuitous ARP / unsolicited NA knobs (global vrrp_garp_* or per instance garp_*).</summary>
public sealed record GarpSettings
{
    /// <summary>garp_master_repeat: messages in the burst on becoming master (keepalived default 5).</summary>
    public int MasterRepeat { get; init; } = 5;

    /// <summary>garp_master_delay: delay of the second burst after becoming master (default 5 s; 0 = none).</summary>
    public Centiseconds MasterDelay { get; init; } = Centiseconds.FromSeconds(5);

    /// <summary>garp_master_refresh: periodic re-announcement while master (0 = off).</summary>
    public Centiseconds MasterRefresh { get; init; } = Centiseconds.Zero;

    /// <summary>garp_master_refresh_repeat: messages per refresh (default 1).</summary>
    public int MasterRefreshRepeat { get; init; } = 1;

    /// <summary>vrrp_garp_interval: spacing between GARPs in a burst.</summary>
    public Centiseconds Interval { get; init; } = Centiseconds.Zero;

    /// <summary>vrrp_gna_interval: spacing between unsolicited NAs in a burst.</summary>
    public Centiseconds NaInterval { get; init; } = Centiseconds.Zero;

    /// <summary>garp_lower_prio_repeat: rounds sent when a master hears a lower-priority advert, at once
    /// and again after <see cref="LowerPriorityDelay"/>. Null: keepalived's default, the global
    /// vrrp_garp_lower_prio_repeat, else the global vrrp_garp_master_repeat (see <see cref="ResolveLowerPriority"/>).</summary>
    public int? LowerPriorityRepeat { get; init; }

    /// <summary>garp_lower_prio_delay: when the second lower-priority burst goes out (0: none). Null:
    /// the global vrrp_garp_lower_prio_delay, else the global vrrp_garp_master_delay.</summary>
    public Centiseconds? LowerPriorityDelay { get; init; }

    /// <summary>keepalived's inheritance for the lower-priority knobs: the instance's own setting, else
    /// the global vrrp_garp_lower_prio_*, else the global vrrp_garp_master_repeat / _delay (never the
    /// instance's garp_master_*, as keepalived resolves the global defaults first).</summary>
    public static (int Repeat, Centiseconds Delay) ResolveLowerPriority(GarpSettings? instance, GarpSettings global) =>
        (instance?.LowerPriorityRepeat ?? global.LowerPriorityRepeat ?? global.MasterRepeat,
         instance?.LowerPriorityDelay ?? global.LowerPriorityDelay ?? global.MasterDelay);
}
