using Appliance.Board.Profiles;
using Appliance.Config;
using Appliance.Config.Model;
using Appliance.Daemon;
using Appliance.Platform.Linux.Board;
using Appliance.Platform.Linux.Interop;
using Appliance.Vrrp.Events;
using Appliance.Host;
using Appliance.Logging;

namespace Appliance.Cli;

/// <summary>
/// <c>appliance run -f CONFIG</c> (and keepalived's bare flags): load and validate the
/// configuration, then run the daemon in the foreground until SIGTERM/SIGINT.
/// </summary>
internal static class RunVerb
{
    // A unit with WatchdogSec= sets WATCHDOG_USEC and expects pets: when the configuration chose no
    // watchdog, systemd's becomes the default (else systemd would kill a healthy daemon every
    // WatchdogSec). An explicit watchdog kind is kept.
    private static ApplianceConfig SystemdDefaults(ApplianceConfig config, Serilog.ILogger log)
    {
        if (config.Board.Watchdog.Kind != Board.WatchdogKind.None || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WATCHDOG_USEC"))
            || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")))
            return config;
        log.Information("systemd watchdog requested (WATCHDOG_USEC): the loop pets it while healthy");
        return config with { Board = config.Board with { Watchdog = config.Board.Watchdog with { Kind = Board.WatchdogKind.Systemd } } };
    }

    // -D always wins: an operator debugging from the command line must not be overruled by the file.
    private static void ApplyLogLevel(Serilog.Core.LoggingLevelSwitch level, string configured, bool debug) =>
        level.MinimumLevel = debug ? Serilog.Events.LogEventLevel.Debug : configured switch
        {
            "debug" => Serilog.Events.LogEventLevel.Debug,
            "warning" => Serilog.Events.LogEventLevel.Warning,
            "error" => Serilog.Events.LogEventLevel.Error,
            _ => Serilog.Events.LogEventLevel.Information,
        };

    public static int Execute(ReadOnlySpan<string> args)
    {
        var options = DaemonOptions.Parse(args, out string? error);
        if (options is null)
        {
            Console.Error.WriteLine($"appliance run: {error}");
            return ExitCodes.Usage;
        }
        var log = LogSetup.Create(options.Debug, out var level);
        try
        {
            var result = ConfigLoader.Load(options.ConfigPath!, new ConfigLoadOptions { ConfigId = options.ConfigId });
            foreach (var d in result.Diagnostics) Console.Error.WriteLine(d.ToString());
            if (result.HasErrors || result.Config is null)
            {
                log.Fatal("configuration {Path} has errors; not starting", options.ConfigPath);
                return ExitCodes.ConfigFatal;
            }
            ApplyLogLevel(level, result.Config.Global.LogLevel, options.Debug);
            UnenforcedFeatures.Warn(result, log);
            ConfigLoadResult Reload()
            {
                var r = ConfigLoader.Load(options.ConfigPath!, new ConfigLoadOptions { ConfigId = options.ConfigId });
                if (!r.HasErrors && r.Config is { } next) ApplyLogLevel(level, next.Global.LogLevel, options.Debug);
                return r;
            }
            // One daemon per namespace and file, decided before anything is opened or touched
            // (board LEDs and watchdog included); the daemon releases it when disposed.
            using var instanceLock = Provisioner.AcquireLock(options.ConfigPath!, RuntimePaths.DefaultDirectory());
            var config = SystemdDefaults(result.Config, log);
            using var board = BoardRuntime.Create(config, log);
            using var daemon = new Daemon.Daemon(config, options, log, DaemonComposition.FixedSinks(log, board),
                DaemonComposition.Participants(config, log, board), Reload) { Board = board, Lock = instanceLock };
            daemon.Start();
            // Under a Type=notify unit without board I/O nobody else says READY=1.
            if (board is null)
            {
                using var notify = Platform.Linux.Board.SdNotify.FromEnvironment(Environment.GetEnvironmentVariable);
                notify?.Ready();
            }
            return daemon.Run();
        }
        catch (DaemonStartupException e)
        {
            log.Fatal("cannot start: {Message}", e.Message);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is BoardMismatchException or BoardProfileException)
        {
            log.Fatal("cannot start: {Message}", e.Message);
            return ExitCodes.Failure;
        }
        catch (PlatformException e)
        {
            log.Fatal("cannot start: {Message}", e.Message);
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The edge for file errors no inner layer turned into its own sentence (pid file, status
            // file, runtime directory): the runtime's message names the path (UseSystemResourceKeys
            // is off for this), and this line names the fix.
            log.Fatal("cannot start: {Message} Check that the directories of the pid file (-p), the status file (--status-file) and the notify FIFO exist and that the daemon may write there.",
                e.Message);
            return ExitCodes.Failure;
        }
        finally
        {
            (log as IDisposable)?.Dispose();
        }
    }
}
