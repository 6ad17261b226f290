namespace Appliance.Operations;

/// <summary>
/// The status code of a control-socket answer. Numbered like HTTP's so an operator reading a raw
/// answer (socat) knows them at a glance; the client turns them into exit codes (docs/operations.md).
/// </summary>
internal enum ControlStatus
{
    /// <summary>Done; the body is the answer.</summary>
    Ok = 200,

    /// <summary>The request is not one the daemon understands (framing, verb or arguments).</summary>
    BadRequest = 400,

    /// <summary>The peer is neither root nor a member of <c>global.control_group</c>.</summary>
    Forbidden = 403,

    /// <summary>The request did not arrive complete within the deadline.</summary>
    Timeout = 408,

    /// <summary>Understood and tried, but the daemon said no (a reload of a broken file); the body says why.</summary>
    Refused = 409,

    /// <summary>The request (or the answer) is larger than the protocol allows.</summary>
    TooLarge = 413,

    /// <summary>Too many clients at once; try again.</summary>
    Busy = 503,

    /// <summary>The request speaks a protocol version this daemon does not.</summary>
    UnsupportedVersion = 505,
}
