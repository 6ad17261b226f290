using Appliance.Vrrp;

namespace Appliance.Daemon;

/// <summary>
/// A participant that must see every loop turn, not only its own deadlines: the watchdog
/// supervisor judges the loop's health by the turns it reports, so a hung loop stops the petting.
/// </summary>
internal interface ILoopObserver
{
    /// <summary>The loop is about to run its first turn.</summary>
    void OnLoopStarted(MonoTime now);

    /// <summary>One turn completed; <paramref name="socketsAlive"/> is false when a VRRP socket reported an error.</summary>
    void OnLoopTurn(MonoTime now, bool socketsAlive);

    /// <summary>The loop ended: <paramref name="clean"/> after SIGTERM/SIGINT, false when it failed.</summary>
    void OnLoopStopped(bool clean);
}
