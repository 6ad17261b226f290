namespace Appliance.Vrrp.Tests.Wire;

/// <summary>Reads the keepalived captures in Golden/ (written by image/lab/capture-golden.sh).</summary>
internal static class Golden
{
    /// <summary>Every packet in <paramref name="file"/>, in capture order; '#' lines say how it was captured.</summary>
    public static IReadOnlyList<byte[]> Packets(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", file);
        var packets = new List<byte[]>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            packets.Add(Convert.FromHexString(line.Trim()));
        }
        Assert.NotEmpty(packets);
        return packets;
    }
}
