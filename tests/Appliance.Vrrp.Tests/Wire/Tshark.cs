using System.Diagnostics;

namespace Appliance.Vrrp.Tests.Wire;

/// <summary>Runs Wireshark's tshark on a capture and returns its verbose dissection.</summary>
internal static class Tshark
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, "tshark");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Dissects <paramref name="pcap"/> with <c>tshark -r pcap -V</c> plus extra arguments (a display
    /// filter, <c>-o</c> preferences); fails the test if tshark fails or hangs.</summary>
    public static string Dissect(string pcap, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(pcap);
        start.ArgumentList.Add("-V");
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("tshark did not finish within 60 s");
        }
        Assert.True(process.ExitCode == 0, $"tshark exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Splits verbose output into one block per frame.</summary>
    public static IReadOnlyList<string> Frames(string verbose) =>
        verbose.Split("\nFrame ", StringSplitOptions.RemoveEmptyEntries)
            .Where(block => block.Contains(" bytes on wire", StringComparison.Ordinal))
            .ToList();

    /// <summary>The lines of one protocol's section of a frame block (from its title to the next top-level line).</summary>
    public static string Section(string frame, string title)
    {
        int start = frame.IndexOf("\n" + title, StringComparison.Ordinal);
        if (start < 0) return "";
        int end = start + 1;
        while (true)
        {
            int next = frame.IndexOf('\n', end);
            if (next < 0 || next + 1 >= frame.Length) return frame[start..];
            if (frame[next + 1] != ' ') return frame[start..next];
            end = next + 1;
        }
    }
}
