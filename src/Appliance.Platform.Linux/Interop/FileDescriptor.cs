using Microsoft.Win32.SafeHandles;

namespace Appliance.Platform.Linux.Interop;

/// <summary>A SafeHandle for any Linux file descriptor (socket, tty, watchdog, netlink): closed exactly once.</summary>
public sealed class FileDescriptor : SafeHandleMinusOneIsInvalid
{
    /// <summary>Takes ownership of <paramref name="fd"/>.</summary>
    public FileDescriptor(int fd) : base(ownsHandle: true) => SetHandle(fd);

    /// <summary>The raw descriptor, for the libc calls that take it.</summary>
    public int Fd => (int)handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => Libc.close((int)handle) == 0;
}
