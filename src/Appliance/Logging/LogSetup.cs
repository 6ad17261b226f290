using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace Appliance.Logging;

/// <summary>
/// The one Serilog configuration: console, plain text (journald and BusyBox syslog take it as it
/// is), a timestamp with milliseconds because failover timing is what operators read the log for,
/// and a stable event id per kind of line (<see cref="EventIdEnricher"/>). The level starts at
/// Information (Debug with -D) and follows <c>global.log_level</c> once the configuration is read.
/// </summary>
internal static class LogSetup
{
    public const string OutputTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u3} {EventId} {Message:lj}{NewLine}{Exception}";

    public static ILogger Create(bool debug) => Create(debug, out _);

    public static ILogger Create(bool debug, out LoggingLevelSwitch level)
    {
        level = new LoggingLevelSwitch(debug ? LogEventLevel.Debug : LogEventLevel.Information);
        return new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .Enrich.With(new EventIdEnricher())
            .WriteTo.Console(
                outputTemplate: OutputTemplate,
                theme: ConsoleTheme.None,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
    }
}
