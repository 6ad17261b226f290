namespace Appliance.Platform.Linux.Interop;

/// <summary>A start-up failure of a system call, naming the call and its errno.</summary>
public sealed class PlatformException : Exception
{
    /// <summary>Creates the exception for <paramref name="call"/> failing with <paramref name="errno"/>.</summary>
    public PlatformException(string call, Errno errno) : base($"{call} failed: {errno}") => Errno = errno;

    /// <summary>The errno the call returned.</summary>
    public Errno Errno { get; }
}
