using Appliance.Board.Profiles;

namespace Appliance.Board.Watchdog;

/// <summary>Builds the supervisor's policy from the user's settings and the board profile.</summary>
public static class WatchdogPolicyFactory
{
    /// <summary>The settings win where set; otherwise the profile's timeout (15 s without a profile).</summary>
    public static WatchdogPolicy From(WatchdogSettings settings, BoardProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int seconds = settings.TimeoutSeconds > 0 ? settings.TimeoutSeconds : profile?.Watchdog.TimeoutSeconds ?? 15;
        return new WatchdogPolicy(
            TimeSpan.FromSeconds(seconds),
            TimeSpan.FromTicks(settings.PetInterval.Nanoseconds / 100),
            TimeSpan.FromTicks(settings.MaxLoopLateness.Nanoseconds / 100));
    }
}
