using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Appliance.Platform.Linux.Interop;

namespace Appliance.Board.Tests.Linux;

/// <summary>
/// The hand-written watchdog and GPIO chip ABI (ioctl numbers, struct sizes and offsets, flags)
/// checked against the kernel headers by the C compiler, for x86_64 and for aarch64: the C# values
/// are written into <c>_Static_assert</c>s and the file is compiled with <c>-fsyntax-only</c>.
/// </summary>
public sealed unsafe class BoardAbiTests
{
    public static TheoryData<string> Compilers() => new() { "gcc", "aarch64-linux-gnu-gcc" };

    private static string Source()
    {
        var c = new StringBuilder();
        c.AppendLine("#include <stddef.h>");
        c.AppendLine("#include <linux/watchdog.h>");
        c.AppendLine("#include <linux/gpio.h>");
        void Assert(string expr, object value) =>
            c.AppendLine(CultureInfo.InvariantCulture, $"_Static_assert(({expr}) == {value}UL, \"{expr} != {value}\");");
        Assert("WDIOC_GETSUPPORT", (ulong)Libc.WDIOC_GETSUPPORT);
        Assert("WDIOC_KEEPALIVE", (ulong)Libc.WDIOC_KEEPALIVE);
        Assert("WDIOC_SETTIMEOUT", (ulong)Libc.WDIOC_SETTIMEOUT);
        Assert("WDIOC_GETTIMEOUT", (ulong)Libc.WDIOC_GETTIMEOUT);
        Assert("WDIOF_SETTIMEOUT", Libc.WDIOF_SETTIMEOUT);
        Assert("WDIOF_MAGICCLOSE", Libc.WDIOF_MAGICCLOSE);
        Assert("WDIOF_KEEPALIVEPING", Libc.WDIOF_KEEPALIVEPING);
        Assert("sizeof(struct watchdog_info)", sizeof(Libc.watchdog_info));
        Assert("offsetof(struct watchdog_info, firmware_version)", 4);
        Assert("offsetof(struct watchdog_info, identity)", 8);
        Assert("GPIO_GET_CHIPINFO_IOCTL", (ulong)Libc.GPIO_GET_CHIPINFO_IOCTL);
        Assert("sizeof(struct gpiochip_info)", sizeof(Libc.gpiochip_info));
        Assert("offsetof(struct gpiochip_info, label)", 32);
        Assert("offsetof(struct gpiochip_info, lines)", 64);
        Assert("GPIO_V2_GET_LINE_IOCTL", (ulong)Libc.GPIO_V2_GET_LINE_IOCTL);
        Assert("sizeof(struct gpio_v2_line_request)", sizeof(Libc.gpio_v2_line_request));
        Assert("offsetof(struct gpio_v2_line_request, consumer)", 256);
        Assert("offsetof(struct gpio_v2_line_request, config)", 288);
        Assert("offsetof(struct gpio_v2_line_request, num_lines)", 288 + sizeof(Libc.gpio_v2_line_config));
        Assert("offsetof(struct gpio_v2_line_request, fd)", sizeof(Libc.gpio_v2_line_request) - 4);
        Assert("sizeof(struct gpio_v2_line_config)", sizeof(Libc.gpio_v2_line_config));
        Assert("offsetof(struct gpio_v2_line_config, attrs)", 32);
        Assert("sizeof(struct gpio_v2_line_config_attribute)", sizeof(Libc.gpio_v2_line_config_attribute));
        Assert("sizeof(struct gpio_v2_line_event)", sizeof(Libc.gpio_v2_line_event));
        Assert("offsetof(struct gpio_v2_line_event, id)", 8);
        Assert("GPIO_V2_LINE_FLAG_INPUT", Libc.GPIO_V2_LINE_FLAG_INPUT);
        Assert("GPIO_V2_LINE_FLAG_EDGE_RISING", Libc.GPIO_V2_LINE_FLAG_EDGE_RISING);
        Assert("GPIO_V2_LINE_FLAG_EDGE_FALLING", Libc.GPIO_V2_LINE_FLAG_EDGE_FALLING);
        Assert("GPIO_V2_LINE_EVENT_RISING_EDGE", Libc.GPIO_V2_LINE_EVENT_RISING_EDGE);
        Assert("GPIO_V2_LINE_EVENT_FALLING_EDGE", Libc.GPIO_V2_LINE_EVENT_FALLING_EDGE);
        return c.ToString();
    }

    [SkippableTheory]
    [MemberData(nameof(Compilers))]
    public void Watchdog_and_gpio_chip_abi_match_the_kernel_headers(string compiler)
    {
        string? path = Appliance.Testing.RepoPaths.Which(compiler);
        Skip.If(path is null, $"{compiler} is not installed: install gcc and gcc-aarch64-linux-gnu to check the ABI");
        string file = Path.Combine(Path.GetTempPath(), "ap" + Guid.NewGuid().ToString("N")[..6] + "-board-abi.c");
        File.WriteAllText(file, Source());
        try
        {
            var psi = new ProcessStartInfo(path!, ["-fsyntax-only", "-std=c11", file]) { RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            string errors = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{compiler}: {errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_structs_have_the_kernel_sizes_on_this_runtime()
    {
        Assert.Equal(40, Unsafe.SizeOf<Libc.watchdog_info>());
        Assert.Equal(68, Unsafe.SizeOf<Libc.gpiochip_info>());
        Assert.Equal(592, Unsafe.SizeOf<Libc.gpio_v2_line_request>());
        Assert.Equal(48, Unsafe.SizeOf<Libc.gpio_v2_line_event>());
        Assert.Equal((nuint)0x80285700, Libc.WDIOC_GETSUPPORT);
        Assert.Equal((nuint)0xC0045706, Libc.WDIOC_SETTIMEOUT);
    }
}
