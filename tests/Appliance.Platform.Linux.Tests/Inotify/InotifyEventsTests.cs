using Appliance.Platform.Linux.Inotify;

namespace Appliance.Platform.Linux.Tests.Inotify;

public class InotifyEventsTests
{
    private static byte[] Record(int wd, uint mask, string name, int padTo)
    {
        var b = new byte[16 + padTo];
        BitConverter.GetBytes(wd).CopyTo(b, 0);
        BitConverter.GetBytes(mask).CopyTo(b, 4);
        BitConverter.GetBytes((uint)padTo).CopyTo(b, 12);
        System.Text.Encoding.ASCII.GetBytes(name).CopyTo(b, 16);
        return b;
    }

    [Fact]
    public void Records_are_walked_in_order_with_the_name_unpadded()
    {
        byte[] buf = [.. Record(1, 0x8, "prio", 16), .. Record(2, 0x80, "", 0)];
        var walk = new InotifyEvents(buf);
        Assert.True(walk.Next(out var a));
        Assert.Equal(1, a.Watch);
        Assert.Equal(0x8u, a.Mask);
        Assert.Equal("prio"u8.ToArray(), a.Name.ToArray());
        Assert.True(walk.Next(out var b));
        Assert.Equal(2, b.Watch);
        Assert.True(b.Name.IsEmpty);
        Assert.False(walk.Next(out _));
    }

    [Fact]
    public void A_truncated_record_ends_the_walk()
    {
        var buf = Record(1, 0x8, "prio", 16)[..20];
        Assert.False(new InotifyEvents(buf).Next(out _));
    }
}
