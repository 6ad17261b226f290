using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Appliance.Platform.Linux.Tests")]
[assembly: InternalsVisibleTo("Appliance.Board.Tests")]
[assembly: InternalsVisibleTo("Appliance.Heartbeat.Tests")]
[assembly: InternalsVisibleTo("Appliance.Integration.Tests")]
