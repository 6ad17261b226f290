namespace Appliance.Platform.Linux.Interop;

internal static partial class Libc
{
    // <asm-generic/ioctl.h>, shared by x86_64 and aarch64: dir(2) | size(14) | type(8) | nr(8).
    internal const uint _IOC_NONE = 0;
    internal const uint _IOC_WRITE = 1;
    internal const uint _IOC_READ = 2;

    internal static nuint _IOC(uint dir, uint type, uint nr, uint size) =>
        (nuint)((dir << 30) | (size << 16) | (type << 8) | nr);

    internal static nuint _IOR(uint type, uint nr, uint size) => _IOC(_IOC_READ, type, nr, size);

    internal static nuint _IOWR(uint type, uint nr, uint size) => _IOC(_IOC_READ | _IOC_WRITE, type, nr, size);

    internal const int ENOTTY = 25;
}
