using System.Text;

namespace Appliance.Vrrp.Tracking;

/// <summary>How a <c>vrrp_track_process</c> compares the parameters of a process (keepalived's param_match).</summary>
public enum ParamMatch : byte
{
    /// <summary>No parameters configured and no <c>param_match</c>: any parameters match.</summary>
    None,

    /// <summary>The parameters must equal the configured ones exactly (the default when the
    /// <c>process</c> line has parameters, and <c>param_match</c> with no word).</summary>
    Exact,

    /// <summary><c>param_match initial</c>: as keepalived 2.2.7's code does it (its header comment
    /// says the opposite), the configured parameters start the process's, and the last configured
    /// one may be the start of the process's parameter (the comparison stops before its NUL).</summary>
    Initial,

    /// <summary><c>param_match partial</c>: the configured parameters, each whole, are the first
    /// parameters of the process, which may have more.</summary>
    Partial,
}

/// <summary>
/// What one <c>vrrp_track_process</c> looks for, and the test keepalived 2.2.7 applies to each
/// process (track_process.c: check_process, check_params). The name is compared with the
/// process's comm (at most 15 bytes; what <c>ps</c> and <c>pgrep</c> show), or with argv[0]
/// from /proc/PID/cmdline when <c>full_command</c> is set; giving parameters or
/// <c>param_match</c> sets <c>full_command</c>, as in keepalived. Parameters are compared as
/// keepalived stores them: each followed by a NUL, exactly like the kernel's cmdline.
/// Pure and allocation-free per test: the caller reads comm and cmdline.
/// </summary>
public sealed class ProcessPattern
{
    private readonly byte[] _name;
    private readonly byte[]? _params;

    /// <summary>A pattern for <paramref name="name"/> with <paramref name="parameters"/> (may be empty).</summary>
    public ProcessPattern(string name, IReadOnlyList<string> parameters, ParamMatch match, bool fullCommand)
    {
        _name = Encoding.UTF8.GetBytes(name);
        if (parameters.Count > 0)
        {
            var ms = new MemoryStream();
            foreach (var p in parameters)
            {
                ms.Write(Encoding.UTF8.GetBytes(p));
                ms.WriteByte(0);
            }
            _params = ms.ToArray();
            if (match == ParamMatch.None) match = ParamMatch.Exact;
        }
        Match = match;
        FullCommand = fullCommand || match != ParamMatch.None;
    }

    /// <summary>The parameter rule.</summary>
    public ParamMatch Match { get; }

    /// <summary>Compare argv[0] rather than comm.</summary>
    public bool FullCommand { get; }

    /// <summary>The most cmdline bytes the test needs: name, NUL, parameters, and one more
    /// (so that "exactly" can tell a longer command line).</summary>
    public int CmdlineBytesNeeded => _name.Length + 1 + (_params?.Length ?? 0) + 1;

    /// <summary>
    /// Whether a process with <paramref name="comm"/> (no newline) and <paramref name="cmdline"/>
    /// (NUL-separated, as /proc/PID/cmdline; may be cut after <see cref="CmdlineBytesNeeded"/>) matches.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> comm, ReadOnlySpan<byte> cmdline)
    {
        if (!FullCommand) return comm.SequenceEqual(_name);
        int end = cmdline.IndexOf((byte)0);
        var argv0 = end < 0 ? cmdline : cmdline[..end];
        if (!argv0.SequenceEqual(_name)) return false;
        if (Match == ParamMatch.None) return true;
        var rest = end < 0 ? [] : cmdline[(end + 1)..];
        return ParamsMatch(rest);
    }

    // keepalived check_params, over the bytes after argv[0]'s NUL.
    private bool ParamsMatch(ReadOnlySpan<byte> rest)
    {
        if (_params is null) return Match != ParamMatch.Exact || rest.IsEmpty;
        if (rest.Length < _params.Length) return false;
        return Match switch
        {
            ParamMatch.Exact => rest.Length == _params.Length && rest.SequenceEqual(_params),
            ParamMatch.Partial => rest[.._params.Length].SequenceEqual(_params),
            _ => _params.Length == 1 || rest[..(_params.Length - 1)].SequenceEqual(_params.AsSpan(0, _params.Length - 1)),
        };
    }
}
