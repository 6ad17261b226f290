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
    public static int Execute(ReadOnlySpan<string> args)
    {
        var options = DaemonOptions.Parse(args, out string? error);
        if (options is null)
        {
            Console.Error.WriteLine($"appliance run: {error}");
            return ExitCodes.Usage;
        }
        var log = LogSetup.Create(options.Debug);
        try
        {
            var result = ConfigLoader.Load(options.ConfigPath!, new ConfigLoadOptions { ConfigId = options.ConfigId });
            foreach (var d in result.Diagnostics) Console.Error.WriteLine(d.ToString());
            if (result.HasErrors || result.Config is null)
            {
                log.Fatal("configuration {Path} has errors; not starting", options.ConfigPath);
                return ExitCodes.ConfigFatal;
            }
            UnenforcedFeatures.Warn(result, log);
            ApplianceConfig? Reload()
            {
                var r = ConfigLoader.Load(options.ConfigPath!, new ConfigLoadOptions { ConfigId = options.ConfigId });
                foreach (var d in r.Diagnostics) log.Warning("{Diagnostic}", d.ToString());
                return r.HasErrors ? null : r.Config;
            }
            // One daemon per namespace and file, decided before anything is opened or touched
            // (board LEDs and watchdog included); the daemon releases it when disposed.
            using var instanceLock = Provisioner.AcquireLock(options.ConfigPath!, RuntimePaths.DefaultDirectory());
            using var board = BoardRuntime.Create(result.Config, log);
            using var daemon = new Daemon.Daemon(result.Config, options, log, DaemonComposition.FixedSinks(log, board),
                DaemonComposition.Participants(result.Config, log, board), Reload) { Board = board, Lock = instanceLock };
            daemon.Start();
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
