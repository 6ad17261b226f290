using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>mkfifo for keepalived's notify FIFO, which the daemon creates when it is missing.</summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mkfifo(string pathname, uint mode);
}
