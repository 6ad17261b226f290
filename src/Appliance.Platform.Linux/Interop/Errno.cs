using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>A typed errno, read once at the edge right after the failing call.</summary>
public readonly record struct Errno(int Value)
{
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int EAGAIN = 11;
    public const int ENOTTY = 25;
    public const int ENOENT = 2;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EADDRNOTAVAIL = 99;

    /// <summary>The errno of the last P/Invoke marked SetLastError.</summary>
    public static Errno Last => new(Marshal.GetLastPInvokeError());

    /// <summary>strerror text, for messages (allocates).</summary>
    public string Message => Marshal.GetPInvokeErrorMessage(Value);

    /// <summary><c>ENOENT (No such file or directory)</c>.</summary>
    public override string ToString() => $"errno {Value} ({Message})";
}
