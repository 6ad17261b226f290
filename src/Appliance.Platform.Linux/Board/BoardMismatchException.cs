using System.Collections.Immutable;

namespace Appliance.Platform.Linux.Board;

/// <summary>The chosen board profile does not match this machine. The message lists everything
/// missing and how to fix each, so one start-up attempt shows all of it.</summary>
public sealed class BoardMismatchException : Exception
{
    /// <summary>Builds the exception for <paramref name="profile"/>.</summary>
    public BoardMismatchException(string profile, ImmutableArray<string> problems)
        : base($"board profile '{profile}' does not match this machine:" +
               string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)))
    {
        Profile = profile;
        Problems = problems;
    }

    /// <summary>The profile name (or "settings" without one).</summary>
    public string Profile { get; }

    /// <summary>Each mismatch with its fix.</summary>
    public ImmutableArray<string> Problems { get; }
}
