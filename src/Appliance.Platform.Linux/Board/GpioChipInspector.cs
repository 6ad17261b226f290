using System.Text;
using Appliance.Platform.Linux.Interop;

namespace Appliance.Platform.Linux.Board;

/// <summary>Reads a GPIO chip's name, label and line count from its character device, before
/// libgpiod is asked for any line, so a profile can be checked against the hardware.</summary>
public static unsafe class GpioChipInspector
{
    /// <summary>The chip at <paramref name="devicePath"/>, or null with <paramref name="error"/> set.</summary>
    public static GpioChipDescription? Inspect(string devicePath, out string? error)
    {
        int raw = Libc.open(devicePath, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (raw < 0)
        {
            error = $"cannot open {devicePath}: {Errno.Last}";
            return null;
        }
        using var fd = new FileDescriptor(raw);
        Libc.gpiochip_info info;
        if (Libc.ioctl(fd.Fd, Libc.GPIO_GET_CHIPINFO_IOCTL, &info) < 0)
        {
            error = $"{devicePath} is not a GPIO chip (GPIO_GET_CHIPINFO_IOCTL: {Errno.Last})";
            return null;
        }
        error = null;
        return new GpioChipDescription(CString(info.name), CString(info.label), (int)info.lines);
    }

    private static string CString(byte* p)
    {
        var span = new ReadOnlySpan<byte>(p, 32);
        int nul = span.IndexOf((byte)0);
        return Encoding.ASCII.GetString(nul < 0 ? span : span[..nul]);
    }
}
