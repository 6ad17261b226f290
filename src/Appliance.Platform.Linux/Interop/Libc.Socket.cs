using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>BSD socket calls and the socket-address and control-message structs they take.</summary>
internal static unsafe partial class Libc
{
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int bind(int sockfd, void* addr, uint addrlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setsockopt(int sockfd, int level, int optname, void* optval, uint optlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getsockname(int sockfd, void* addr, uint* addrlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint sendto(int sockfd, byte* buf, nuint len, int flags, void* destAddr, uint addrlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint sendmsg(int sockfd, MsgHdr* msg, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint recvmsg(int sockfd, MsgHdr* msg, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint recv(int sockfd, byte* buf, nuint len, int flags);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial uint if_nametoindex(string ifname);

    internal const int AF_UNSPEC = 0;
    internal const int AF_INET = 2;
    internal const int AF_INET6 = 10;
    internal const int AF_NETLINK = 16;
    internal const int AF_PACKET = 17;

    internal const int SOCK_DGRAM = 2;
    internal const int SOCK_RAW = 3;
    internal const int SOCK_NONBLOCK = 0x800;
    internal const int SOCK_CLOEXEC = 0x80000;

    internal const int MSG_DONTWAIT = 0x40;
    internal const int MSG_TRUNC = 0x20;
    internal const int MSG_CTRUNC = 0x08;

    internal const int SOL_SOCKET = 1;
    internal const int SO_SNDBUF = 7;
    internal const int SO_RCVBUF = 8;
    internal const int SO_BINDTODEVICE = 25;

    internal const int IPPROTO_IP = 0;
    internal const int IPPROTO_IPV6 = 41;
    internal const int IPPROTO_ICMPV6 = 58;
    internal const int IPPROTO_VRRP = 112;

    internal const int IP_TOS = 1;
    internal const int IP_TTL = 2;
    internal const int IP_PKTINFO = 8;
    internal const int IP_MULTICAST_IF = 32;
    internal const int IP_MULTICAST_TTL = 33;
    internal const int IP_MULTICAST_LOOP = 34;
    internal const int IP_ADD_MEMBERSHIP = 35;
    internal const int IP_DROP_MEMBERSHIP = 36;

    internal const int IPV6_CHECKSUM = 7;
    internal const int IPV6_UNICAST_HOPS = 16;
    internal const int IPV6_MULTICAST_IF = 17;
    internal const int IPV6_MULTICAST_HOPS = 18;
    internal const int IPV6_MULTICAST_LOOP = 19;
    internal const int IPV6_ADD_MEMBERSHIP = 20;
    internal const int IPV6_DROP_MEMBERSHIP = 21;
    internal const int IPV6_V6ONLY = 26;
    internal const int IPV6_RECVPKTINFO = 49;
    internal const int IPV6_PKTINFO = 50;
    internal const int IPV6_RECVHOPLIMIT = 51;
    internal const int IPV6_HOPLIMIT = 52;
    internal const int IPV6_TCLASS = 67;

    internal const ushort ETH_P_ALL = 0x0003;
    internal const ushort ETH_P_IP = 0x0800;
    internal const ushort ETH_P_ARP = 0x0806;
    internal const ushort ETH_P_IPV6 = 0x86DD;

    /// <summary><c>struct sockaddr_in</c> (16 bytes). Port and address are in network byte order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SockAddrIn
    {
        public ushort sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    /// <summary><c>struct sockaddr_in6</c> (28 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SockAddrIn6
    {
        public ushort sin6_family;
        public ushort sin6_port;
        public uint sin6_flowinfo;
        public fixed byte sin6_addr[16];
        public uint sin6_scope_id;
    }

    /// <summary><c>struct sockaddr_ll</c> (20 bytes): AF_PACKET link-layer address.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SockAddrLl
    {
        public ushort sll_family;
        public ushort sll_protocol;
        public int sll_ifindex;
        public ushort sll_hatype;
        public byte sll_pkttype;
        public byte sll_halen;
        public fixed byte sll_addr[8];
    }

    /// <summary><c>struct iovec</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IoVec
    {
        public void* iov_base;
        public nuint iov_len;
    }

    /// <summary><c>struct msghdr</c> (56 bytes on LP64; glibc pads after msg_namelen).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MsgHdr
    {
        public void* msg_name;
        public uint msg_namelen;
        public IoVec* msg_iov;
        public nuint msg_iovlen;
        public void* msg_control;
        public nuint msg_controllen;
        public int msg_flags;
    }

    /// <summary><c>struct cmsghdr</c> (16 bytes on LP64); data follows at CMSG_ALIGN(sizeof(cmsghdr)).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct CmsgHdr
    {
        public nuint cmsg_len;
        public int cmsg_level;
        public int cmsg_type;
    }

    /// <summary><c>struct in_pktinfo</c> (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InPktInfo
    {
        public int ipi_ifindex;
        public uint ipi_spec_dst;
        public uint ipi_addr;
    }

    /// <summary><c>struct in6_pktinfo</c> (20 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct In6PktInfo
    {
        public fixed byte ipi6_addr[16];
        public int ipi6_ifindex;
    }

    /// <summary><c>struct ip_mreqn</c> (12 bytes): join by interface index.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IpMreqn
    {
        public uint imr_multiaddr;
        public uint imr_address;
        public int imr_ifindex;
    }

    /// <summary><c>struct ipv6_mreq</c> (20 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Ipv6Mreq
    {
        public fixed byte ipv6mr_multiaddr[16];
        public int ipv6mr_interface;
    }

    /// <summary>CMSG_ALIGN: control messages are aligned to sizeof(size_t).</summary>
    internal static int CmsgAlign(int len) => (len + sizeof(nuint) - 1) & ~(sizeof(nuint) - 1);

    /// <summary>CMSG_SPACE.</summary>
    internal static int CmsgSpace(int dataLen) => CmsgAlign(sizeof(CmsgHdr)) + CmsgAlign(dataLen);

    /// <summary>CMSG_LEN.</summary>
    internal static int CmsgLen(int dataLen) => CmsgAlign(sizeof(CmsgHdr)) + dataLen;

    /// <summary>setsockopt with an int value.</summary>
    internal static int SetInt(int fd, int level, int name, int value) => setsockopt(fd, level, name, &value, sizeof(int));
}
