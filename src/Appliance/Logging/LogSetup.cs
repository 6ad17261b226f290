using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace Appliance.Logging;

/// <summary>
/// The one Serilog configuration: console, plain text (journald and the tests read it), a
/// timestamp with milliseconds because failover timing is what operators read the log for.
/// </summary>
internal static class LogSetup
{
    public static ILogger Create(bool debug) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(debug ? LogEventLevel.Debug : LogEventLevel.Information)
            .WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}",
                theme: ConsoleTheme.None,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
}
