namespace Appliance.Testing.Lab;

/// <summary>
/// Two pseudo-terminals joined by socat: a null-modem cable between <see cref="PathA"/> and
/// <see cref="PathB"/>. <see cref="Stop"/> makes both ends vanish (a USB adapter pulled) and
/// <see cref="Start"/> brings them back under the same paths. Dispose kills socat by PID.
/// </summary>
public sealed class SocatPtyPair : IDisposable
{
    private LabProcess? _socat;

    private SocatPtyPair(string dir)
    {
        PathA = Path.Combine(dir, "ttyA");
        PathB = Path.Combine(dir, "ttyB");
    }

    /// <summary>One end.</summary>
    public string PathA { get; }

    /// <summary>The other end.</summary>
    public string PathB { get; }

    /// <summary>True while socat runs.</summary>
    public bool Running => _socat is { HasExited: false };

    /// <summary>Starts socat with links in <paramref name="dir"/> and waits until both exist.</summary>
    public static SocatPtyPair Create(string dir)
    {
        LabRequirements.RequireTool("socat", "socat");
        var pair = new SocatPtyPair(dir);
        try
        {
            pair.Start();
        }
        catch
        {
            pair.Dispose();
            throw;
        }
        return pair;
    }

    /// <summary>(Re)starts socat.</summary>
    public void Start()
    {
        if (Running) return;
        _socat?.Dispose();
        _socat = LabProcess.Start(["socat", "-d", "-d",
            $"pty,raw,echo=0,link={PathA}", $"pty,raw,echo=0,link={PathB}"]);
        Poll.Require(() => File.Exists(PathA) && File.Exists(PathB), TimeSpan.FromSeconds(10), "socat's pty links",
            () => _socat.Output);
    }

    /// <summary>Kills socat: both ptys hang up and the links disappear.</summary>
    public void Stop()
    {
        if (_socat is null) return;
        _socat.Signal(15);
        _socat.WaitForExit(TimeSpan.FromSeconds(5));
        _socat.Dispose();
        _socat = null;
        Poll.Require(() => !File.Exists(PathA) && !File.Exists(PathB), TimeSpan.FromSeconds(5), "socat's links to go");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _socat?.Dispose();
        _socat = null;
        foreach (var p in new[] { PathA, PathB })
            if (File.Exists(p)) File.Delete(p);
    }
}
