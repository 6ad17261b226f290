using System.Runtime.CompilerServices;

// The notify sinks and the heartbeat integration are tested from the integration test project.
[assembly: InternalsVisibleTo("Appliance.Integration.Tests")]
