namespace Appliance.Board.Tests.Fakes;

/// <summary>A temporary directory laid out like /sys/class/leds. Attribute files are read up to the
/// first newline, as sysfs shows them (a shorter pwrite at offset 0 leaves old bytes behind it).</summary>
public sealed class FakeSysfsLeds : IDisposable
{
    public FakeSysfsLeds() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ap" + Guid.NewGuid().ToString("N")[..6] + "-leds");

    public void Add(string name, int maxBrightness = 255, string triggers = "none [mmc0] timer heartbeat")
    {
        string dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "max_brightness"), $"{maxBrightness}\n");
        File.WriteAllText(Path.Combine(dir, "brightness"), "0\n");
        File.WriteAllText(Path.Combine(dir, "trigger"), triggers + "\n");
        // The kernel creates these when the timer trigger is chosen; a plain directory cannot.
        File.WriteAllText(Path.Combine(dir, "delay_on"), "500\n");
        File.WriteAllText(Path.Combine(dir, "delay_off"), "500\n");
    }

    public string Read(string name, string attribute) =>
        File.ReadAllText(Path.Combine(Root, name, attribute)).Split('\n')[0];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
