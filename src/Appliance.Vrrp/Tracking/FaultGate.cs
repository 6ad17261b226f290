namespace Appliance.Vrrp.Tracking;

/// <summary>
/// Combines the reasons an instance may be in FAULT into the one down/up input the state machine
/// takes: it goes down when the first cause appears and up when the last one clears, so a link
/// coming back does not lift a FAULT a failed script still holds.
/// </summary>
public struct FaultGate
{
    /// <summary>The causes holding now.</summary>
    public FaultCause Causes { get; private set; }

    /// <summary>True while any cause holds.</summary>
    public readonly bool IsDown => Causes != FaultCause.None;

    /// <summary>Sets or clears <paramref name="cause"/>; returns +1 when the instance must go down
    /// (InterfaceDown), -1 when it may come up (InterfaceUp), 0 when nothing changes for it.</summary>
    public int Set(FaultCause cause, bool on)
    {
        bool was = IsDown;
        Causes = on ? Causes | cause : Causes & ~cause;
        if (IsDown == was) return 0;
        return IsDown ? 1 : -1;
    }
}
