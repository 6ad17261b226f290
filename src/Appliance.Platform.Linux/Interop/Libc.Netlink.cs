using System.Runtime.InteropServices;

namespace Appliance.Platform.Linux.Interop;

/// <summary>rtnetlink structs and constants (linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h, linux/if_link.h).</summary>
internal static unsafe partial class Libc
{
    internal const int NETLINK_ROUTE = 0;
    internal const int SOL_NETLINK = 270;
    internal const int NETLINK_EXT_ACK = 11;

    internal const ushort NLM_F_REQUEST = 0x01;
    internal const ushort NLM_F_MULTI = 0x02;
    internal const ushort NLM_F_ACK = 0x04;
    internal const ushort NLM_F_DUMP = 0x300;
    internal const ushort NLM_F_REPLACE = 0x100;
    internal const ushort NLM_F_EXCL = 0x200;
    internal const ushort NLM_F_CREATE = 0x400;

    internal const ushort NLMSG_NOOP = 1;
    internal const ushort NLMSG_ERROR = 2;
    internal const ushort NLMSG_DONE = 3;

    internal const ushort RTM_NEWLINK = 16;
    internal const ushort RTM_DELLINK = 17;
    internal const ushort RTM_GETLINK = 18;
    internal const ushort RTM_NEWADDR = 20;
    internal const ushort RTM_DELADDR = 21;
    internal const ushort RTM_GETADDR = 22;

    internal const uint RTMGRP_LINK = 0x1;
    internal const uint RTMGRP_IPV4_IFADDR = 0x10;
    internal const uint RTMGRP_IPV6_IFADDR = 0x100;

    internal const ushort IFA_ADDRESS = 1;
    internal const ushort IFA_LOCAL = 2;
    internal const ushort IFA_LABEL = 3;
    internal const ushort IFA_BROADCAST = 4;
    internal const ushort IFA_FLAGS = 8;

    internal const uint IFA_F_SECONDARY = 0x01;
    internal const uint IFA_F_NODAD = 0x02;
    internal const uint IFA_F_PERMANENT = 0x80;

    internal const ushort IFLA_ADDRESS = 1;
    internal const ushort IFLA_IFNAME = 3;
    internal const ushort IFLA_LINK = 5;
    internal const ushort IFLA_LINKINFO = 18;
    internal const ushort IFLA_INFO_KIND = 1;
    internal const ushort IFLA_INFO_DATA = 2;
    internal const ushort IFLA_MACVLAN_MODE = 1;
    internal const uint MACVLAN_MODE_PRIVATE = 1;
    internal const ushort IFLA_AF_SPEC = 26;
    internal const ushort IFLA_INET6_ADDR_GEN_MODE = 8;
    internal const byte IN6_ADDR_GEN_MODE_NONE = 1;

    internal const uint IFF_UP = 0x1;
    internal const uint IFF_RUNNING = 0x40;
    internal const uint IFF_LOWER_UP = 0x10000;

    internal const byte RT_SCOPE_UNIVERSE = 0;
    internal const byte RT_SCOPE_SITE = 200;
    internal const byte RT_SCOPE_LINK = 253;
    internal const byte RT_SCOPE_HOST = 254;
    internal const byte RT_SCOPE_NOWHERE = 255;

    /// <summary><c>struct sockaddr_nl</c> (12 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SockAddrNl
    {
        public ushort nl_family;
        public ushort nl_pad;
        public uint nl_pid;
        public uint nl_groups;
    }

    /// <summary><c>struct nlmsghdr</c> (16 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NlMsgHdr
    {
        public uint nlmsg_len;
        public ushort nlmsg_type;
        public ushort nlmsg_flags;
        public uint nlmsg_seq;
        public uint nlmsg_pid;
    }

    /// <summary><c>struct nlmsgerr</c> (20 bytes): error code then the offending request's header.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NlMsgErr
    {
        public int error;
        public NlMsgHdr msg;
    }

    /// <summary><c>struct ifaddrmsg</c> (8 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IfAddrMsg
    {
        public byte ifa_family;
        public byte ifa_prefixlen;
        public byte ifa_flags;
        public byte ifa_scope;
        public uint ifa_index;
    }

    /// <summary><c>struct ifinfomsg</c> (16 bytes).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct IfInfoMsg
    {
        public byte ifi_family;
        public byte __ifi_pad;
        public ushort ifi_type;
        public int ifi_index;
        public uint ifi_flags;
        public uint ifi_change;
    }

    /// <summary><c>struct rtattr</c> (4 bytes); payload at RTA_ALIGN(4).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct RtAttr
    {
        public ushort rta_len;
        public ushort rta_type;
    }

    /// <summary>NLMSG_ALIGN / RTA_ALIGN: 4-byte alignment.</summary>
    internal static int NlAlign(int len) => (len + 3) & ~3;
}
