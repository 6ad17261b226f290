using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>&lt;linux/gpio.h&gt; v2 line requests with edge detection: the kernel queues each edge
/// of an input line, with its timestamp, on a descriptor the loop polls. No thread, no library.</summary>
internal static unsafe partial class Libc
{
    internal static readonly nuint GPIO_V2_GET_LINE_IOCTL = _IOWR(0xB4, 0x07, (uint)sizeof(gpio_v2_line_request));

    internal const ulong GPIO_V2_LINE_FLAG_INPUT = 1UL << 2;
    internal const ulong GPIO_V2_LINE_FLAG_EDGE_RISING = 1UL << 4;
    internal const ulong GPIO_V2_LINE_FLAG_EDGE_FALLING = 1UL << 5;
    internal const uint GPIO_V2_LINE_EVENT_RISING_EDGE = 1;
    internal const uint GPIO_V2_LINE_EVENT_FALLING_EDGE = 2;

    /// <summary><c>struct gpio_v2_line_attribute</c> plus its mask: <c>struct gpio_v2_line_config_attribute</c>, 24 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct gpio_v2_line_config_attribute
    {
        public uint id;
        public uint padding;
        public ulong value;
        public ulong mask;
    }

    /// <summary><c>struct gpio_v2_line_config</c>: 272 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct gpio_v2_line_config
    {
        public ulong flags;
        public uint num_attrs;
        public fixed uint padding[5];
        public fixed byte attrs[10 * 24];
    }

    /// <summary><c>struct gpio_v2_line_request</c>: 592 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct gpio_v2_line_request
    {
        public fixed uint offsets[64];
        public fixed byte consumer[32];
        public gpio_v2_line_config config;
        public uint num_lines;
        public uint event_buffer_size;
        public fixed uint padding[5];
        public int fd;
    }

    /// <summary><c>struct gpio_v2_line_event</c>: 48 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct gpio_v2_line_event
    {
        public ulong timestamp_ns;
        public uint id;
        public uint offset;
        public uint seqno;
        public uint line_seqno;
        public fixed uint padding[6];
    }
}
