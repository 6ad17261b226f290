using System.Collections.Immutable;

namespace Appliance.Board.Profiles;

/// <summary>A board profile that cannot be used; <see cref="Problems"/> lists every reason at once.</summary>
public sealed class BoardProfileException : Exception
{
    /// <summary>Builds the exception from the problems found in <paramref name="source"/>.</summary>
    public BoardProfileException(string source, ImmutableArray<string> problems)
        : base($"board profile {source}: " + string.Join("; ", problems))
    {
        ProfileSource = source;
        Problems = problems;
    }

    /// <summary>The file (or name) the profile came from.</summary>
    public string ProfileSource { get; }

    /// <summary>Each problem, with the key it concerns.</summary>
    public ImmutableArray<string> Problems { get; }
}
