namespace Appliance.Platform.Linux.Process;

/// <summary>How a child ended: its exit code, or the signal that killed it.</summary>
/// <param name="Exited">True when it called exit; false when a signal ended it.</param>
/// <param name="Code">The exit code when <paramref name="Exited"/>, else 0.</param>
/// <param name="Signal">The signal when not <paramref name="Exited"/>, else 0.</param>
public readonly record struct ChildExit(bool Exited, int Code, int Signal)
{
    /// <summary>keepalived's success: exited with status 0.</summary>
    public bool Success => Exited && Code == 0;

    /// <summary><c>exit 3</c> or <c>signal 9</c>.</summary>
    public override string ToString() => Exited ? $"exit {Code}" : $"signal {Signal}";
}
