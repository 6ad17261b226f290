using Appliance.Board;

namespace Appliance.Board.Tests.Fakes;

/// <summary>A watchdog in memory that records when it was fed and how it was stopped.</summary>
public sealed class FakeWatchdog(TimeSpan? fixedTimeout = null) : IWatchdog
{
    public string Description => "fake";
    public bool Armed { get; private set; }
    public bool? StoppedClean { get; private set; }
    public int Pets { get; private set; }
    public bool FailPets { get; set; }

    public TimeSpan Start(TimeSpan timeout)
    {
        if (Armed) throw new InvalidOperationException("already started");
        Armed = true;
        return fixedTimeout ?? timeout;
    }

    public bool Pet()
    {
        if (!Armed || FailPets) return false;
        Pets++;
        return true;
    }

    public void Stop(bool clean)
    {
        if (!Armed) return;
        StoppedClean = clean;
        Armed = !clean;
    }

    public void Dispose() => Stop(clean: false);
}
