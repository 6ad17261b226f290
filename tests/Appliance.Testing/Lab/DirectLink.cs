namespace Appliance.Testing.Lab;

/// <summary>
/// A dedicated heartbeat link: a veth pair straight between two namespaces (no bridge), named
/// <c>hb0</c> on both sides, with 10.201.0.1/30 and 10.201.0.2/30.
/// </summary>
public static class DirectLink
{
    /// <summary>The address of side <paramref name="side"/> (1 or 2).</summary>
    public static string Address(int side) => $"10.201.0.{side}";

    /// <summary>Creates the pair between <paramref name="a"/> and <paramref name="b"/>; the namespaces own it.</summary>
    public static void Create(NetNs a, NetNs b, string token)
    {
        Shell.Run("ip", "link", "add", $"{token}h1", "netns", a.Name, "type", "veth", "peer", "name", $"{token}h2", "netns", b.Name);
        a.Ip("link", "set", $"{token}h1", "name", "hb0");
        b.Ip("link", "set", $"{token}h2", "name", "hb0");
        a.Ip("addr", "add", $"{Address(1)}/30", "dev", "hb0");
        b.Ip("addr", "add", $"{Address(2)}/30", "dev", "hb0");
        a.Ip("link", "set", "hb0", "up");
        b.Ip("link", "set", "hb0", "up");
    }
}
