namespace Appliance.Testing.Lab;

/// <summary>
/// tcpdump in a lab namespace, printing link-level headers line by line (-e -n -l), for
/// asserting what went over the wire (GARPs, NAs, adverts) and from which MAC.
/// </summary>
public sealed class WireCapture : IDisposable
{
    private readonly LabProcess _process;

    private WireCapture(LabProcess p) => _process = p;

    /// <summary>Starts tcpdump on eth0 of <paramref name="ns"/> with <paramref name="filter"/>; waits until it listens.</summary>
    public static WireCapture Start(NetNs ns, string filter)
    {
        var p = ns.Start("tcpdump", ["-i", "eth0", "-e", "-n", "-l", "-vv", "-s", "256", filter]);
        var c = new WireCapture(p);
        Poll.Require(() => p.Output.Contains("listening on", StringComparison.Ordinal) || p.HasExited, TimeSpan.FromSeconds(10), "tcpdump to listen", () => p.Output);
        return c;
    }

    /// <summary>Everything tcpdump printed so far.</summary>
    public string Output => _process.Output;

    public void Dispose() => _process.Dispose();
}
