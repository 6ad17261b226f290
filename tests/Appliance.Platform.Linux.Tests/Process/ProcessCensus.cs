namespace Appliance.Platform.Linux.Tests.Process;

/// <summary>Tests that count the test process's own descriptors and children run alone: other
/// test classes open sockets, pipes and child processes of their own while they run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCensus
{
    /// <summary>The collection's name.</summary>
    public const string Name = "process census";
}
