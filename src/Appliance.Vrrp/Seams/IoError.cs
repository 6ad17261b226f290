using System.Runtime.InteropServices;

namespace Appliance.Vrrp.Seams;

/// <summary>
/// What a seam reports when an operation failed: the errno the platform returned, 0 for success.
/// A value, not an exception, because seams sit on the hot path (an advert that cannot go out is
/// counted and logged rate-limited, and the loop carries on).
/// </summary>
/// <param name="Errno">The errno; 0 when the operation succeeded.</param>
public readonly record struct IoError(int Errno)
{
    /// <summary>Success.</summary>
    public static IoError None => default;

    /// <summary>True when the operation failed.</summary>
    public bool Failed => Errno != 0;

    /// <summary><c>errno 101 (Network is unreachable)</c>, as the platform layer prints it (allocates).</summary>
    public override string ToString() => $"errno {Errno} ({Marshal.GetPInvokeErrorMessage(Errno)})";
}
