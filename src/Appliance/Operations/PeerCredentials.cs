using System.Net.Sockets;

namespace Appliance.Operations;

/// <summary>
/// Who is at the other end of an accepted control connection, as the kernel recorded it at
/// connect time (SO_PEERCRED: pid, uid, gid; SO_PEERGROUPS: the supplementary groups, Linux 4.13+).
/// Read from the socket, never looked up by name: no NSS call on the loop thread.
/// </summary>
internal readonly struct PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int SoPeerGroups = 59;
    private const int MaxGroups = 256;

    private readonly uint[] _groups;

    private PeerCredentials(int pid, uint uid, uint gid, uint[] groups)
    {
        Pid = pid;
        Uid = uid;
        Gid = gid;
        _groups = groups;
    }

    /// <summary>The peer's process id.</summary>
    public int Pid { get; }

    /// <summary>The peer's effective user id.</summary>
    public uint Uid { get; }

    /// <summary>The peer's effective group id.</summary>
    public uint Gid { get; }

    /// <summary>True when the peer's primary or a supplementary group is <paramref name="gid"/>.</summary>
    public bool InGroup(uint gid) => Gid == gid || (_groups is not null && Array.IndexOf(_groups, gid) >= 0);

    /// <summary>Reads the credentials; false when the kernel would not say (then the peer is refused).</summary>
    public static bool TryRead(Socket socket, out PeerCredentials credentials)
    {
        credentials = default;
        Span<byte> cred = stackalloc byte[12];
        try
        {
            if (socket.GetRawSocketOption(SolSocket, SoPeerCred, cred) != 12) return false;
        }
        catch (SocketException)
        {
            return false;
        }
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }: host byte order, 4 bytes each on both targets.
        int pid = BitConverter.ToInt32(cred);
        uint uid = BitConverter.ToUInt32(cred[4..]);
        uint gid = BitConverter.ToUInt32(cred[8..]);
        uint[] groups = [];
        Span<byte> buf = stackalloc byte[MaxGroups * 4];
        try
        {
            int n = socket.GetRawSocketOption(SolSocket, SoPeerGroups, buf) / 4;
            groups = new uint[n];
            for (int i = 0; i < n; i++) groups[i] = BitConverter.ToUInt32(buf.Slice(i * 4, 4));
        }
        catch (SocketException)
        {
            // An older kernel, or more than MaxGroups groups (ERANGE): the primary group still counts.
        }
        credentials = new PeerCredentials(pid, uid, gid, groups);
        return true;
    }
}
