using Appliance.Testing.Abi;
using Appliance.Testing.Lab;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Tests.Abi;

/// <summary>Every hand-written libc struct and constant, checked against the C headers of both targets.</summary>
public sealed class StructLayoutTests
{
    private static readonly string[] s_includes =
    [
        "sys/socket.h", "sys/uio.h", "netinet/in.h", "linux/if_packet.h", "net/ethernet.h", "linux/netlink.h",
        "linux/rtnetlink.h", "linux/if_addr.h", "linux/if_link.h", "net/if.h", "poll.h", "sys/eventfd.h", "fcntl.h",
        "sys/wait.h", "signal.h", "spawn.h", "sys/inotify.h",
    ];

    private static readonly AbiStruct[] s_structs =
    [
        new("struct sockaddr_in", typeof(SockAddrIn), [("sin_family", "sin_family"), ("sin_port", "sin_port"), ("sin_addr", "sin_addr"), ("sin_zero", "sin_zero")]),
        new("struct sockaddr_in6", typeof(SockAddrIn6), [("sin6_family", "sin6_family"), ("sin6_port", "sin6_port"), ("sin6_flowinfo", "sin6_flowinfo"), ("sin6_addr", "sin6_addr"), ("sin6_scope_id", "sin6_scope_id")]),
        new("struct sockaddr_ll", typeof(SockAddrLl), [("sll_family", "sll_family"), ("sll_protocol", "sll_protocol"), ("sll_ifindex", "sll_ifindex"), ("sll_hatype", "sll_hatype"), ("sll_pkttype", "sll_pkttype"), ("sll_halen", "sll_halen"), ("sll_addr", "sll_addr")]),
        new("struct sockaddr_nl", typeof(SockAddrNl), [("nl_family", "nl_family"), ("nl_pad", "nl_pad"), ("nl_pid", "nl_pid"), ("nl_groups", "nl_groups")]),
        new("struct iovec", typeof(IoVec), [("iov_base", "iov_base"), ("iov_len", "iov_len")]),
        new("struct msghdr", typeof(MsgHdr), [("msg_name", "msg_name"), ("msg_namelen", "msg_namelen"), ("msg_iov", "msg_iov"), ("msg_iovlen", "msg_iovlen"), ("msg_control", "msg_control"), ("msg_controllen", "msg_controllen"), ("msg_flags", "msg_flags")]),
        new("struct cmsghdr", typeof(CmsgHdr), [("cmsg_len", "cmsg_len"), ("cmsg_level", "cmsg_level"), ("cmsg_type", "cmsg_type")]),
        new("struct in_pktinfo", typeof(InPktInfo), [("ipi_ifindex", "ipi_ifindex"), ("ipi_spec_dst", "ipi_spec_dst"), ("ipi_addr", "ipi_addr")]),
        new("struct in6_pktinfo", typeof(In6PktInfo), [("ipi6_addr", "ipi6_addr"), ("ipi6_ifindex", "ipi6_ifindex")]),
        new("struct ip_mreqn", typeof(IpMreqn), [("imr_multiaddr", "imr_multiaddr"), ("imr_address", "imr_address"), ("imr_ifindex", "imr_ifindex")]),
        new("struct ipv6_mreq", typeof(Ipv6Mreq), [("ipv6mr_multiaddr", "ipv6mr_multiaddr"), ("ipv6mr_interface", "ipv6mr_interface")]),
        new("struct nlmsghdr", typeof(NlMsgHdr), [("nlmsg_len", "nlmsg_len"), ("nlmsg_type", "nlmsg_type"), ("nlmsg_flags", "nlmsg_flags"), ("nlmsg_seq", "nlmsg_seq"), ("nlmsg_pid", "nlmsg_pid")]),
        new("struct nlmsgerr", typeof(NlMsgErr), [("error", "error"), ("msg", "msg")]),
        new("struct ifaddrmsg", typeof(IfAddrMsg), [("ifa_family", "ifa_family"), ("ifa_prefixlen", "ifa_prefixlen"), ("ifa_flags", "ifa_flags"), ("ifa_scope", "ifa_scope"), ("ifa_index", "ifa_index")]),
        new("struct ifinfomsg", typeof(IfInfoMsg), [("ifi_family", "ifi_family"), ("__ifi_pad", "__ifi_pad"), ("ifi_type", "ifi_type"), ("ifi_index", "ifi_index"), ("ifi_flags", "ifi_flags"), ("ifi_change", "ifi_change")]),
        new("struct rtattr", typeof(RtAttr), [("rta_len", "rta_len"), ("rta_type", "rta_type")]),
        new("struct pollfd", typeof(PollFd), [("fd", "fd"), ("events", "events"), ("revents", "revents")]),
        new("siginfo_t", typeof(SigInfo), [("si_signo", "si_signo"), ("si_errno", "si_errno"), ("si_code", "si_code"), ("si_pid", "si_pid"), ("si_uid", "si_uid"), ("si_status", "si_status")]),
    ];

    private static readonly AbiConstant[] s_constants =
    [
        new("AF_INET", AF_INET), new("AF_INET6", AF_INET6), new("AF_NETLINK", AF_NETLINK), new("AF_PACKET", AF_PACKET),
        new("SOCK_RAW", SOCK_RAW), new("SOCK_NONBLOCK", SOCK_NONBLOCK), new("SOCK_CLOEXEC", SOCK_CLOEXEC),
        new("MSG_DONTWAIT", MSG_DONTWAIT), new("SOL_SOCKET", SOL_SOCKET), new("SO_RCVBUF", SO_RCVBUF), new("SO_BINDTODEVICE", SO_BINDTODEVICE),
        new("IPPROTO_IPV6", IPPROTO_IPV6), new("IP_TOS", IP_TOS), new("IP_TTL", IP_TTL), new("IP_PKTINFO", IP_PKTINFO),
        new("IP_MULTICAST_IF", IP_MULTICAST_IF), new("IP_MULTICAST_TTL", IP_MULTICAST_TTL), new("IP_MULTICAST_LOOP", IP_MULTICAST_LOOP),
        new("IP_ADD_MEMBERSHIP", IP_ADD_MEMBERSHIP), new("IPV6_UNICAST_HOPS", IPV6_UNICAST_HOPS), new("IPV6_MULTICAST_IF", IPV6_MULTICAST_IF),
        new("IPV6_MULTICAST_HOPS", IPV6_MULTICAST_HOPS), new("IPV6_MULTICAST_LOOP", IPV6_MULTICAST_LOOP), new("IPV6_ADD_MEMBERSHIP", IPV6_ADD_MEMBERSHIP),
        new("IPV6_RECVPKTINFO", IPV6_RECVPKTINFO), new("IPV6_PKTINFO", IPV6_PKTINFO), new("IPV6_RECVHOPLIMIT", IPV6_RECVHOPLIMIT),
        new("IPV6_HOPLIMIT", IPV6_HOPLIMIT), new("IPV6_TCLASS", IPV6_TCLASS),
        new("NETLINK_ROUTE", NETLINK_ROUTE), new("SOL_NETLINK", SOL_NETLINK), new("NETLINK_EXT_ACK", NETLINK_EXT_ACK),
        new("NLM_F_REQUEST", NLM_F_REQUEST), new("NLM_F_ACK", NLM_F_ACK), new("NLM_F_DUMP", NLM_F_DUMP), new("NLM_F_CREATE", NLM_F_CREATE), new("NLM_F_EXCL", NLM_F_EXCL),
        new("NLMSG_ERROR", NLMSG_ERROR), new("NLMSG_DONE", NLMSG_DONE),
        new("RTM_NEWLINK", RTM_NEWLINK), new("RTM_DELLINK", RTM_DELLINK), new("RTM_GETLINK", RTM_GETLINK),
        new("RTM_NEWADDR", RTM_NEWADDR), new("RTM_DELADDR", RTM_DELADDR), new("RTM_GETADDR", RTM_GETADDR), new("RTMGRP_LINK", RTMGRP_LINK),
        new("IFA_ADDRESS", IFA_ADDRESS), new("IFA_LOCAL", IFA_LOCAL), new("IFA_LABEL", IFA_LABEL), new("IFA_BROADCAST", IFA_BROADCAST), new("IFA_FLAGS", IFA_FLAGS),
        new("IFA_F_SECONDARY", IFA_F_SECONDARY), new("IFA_F_NODAD", IFA_F_NODAD),
        new("IFLA_ADDRESS", IFLA_ADDRESS), new("IFLA_IFNAME", IFLA_IFNAME), new("IFLA_LINK", IFLA_LINK), new("IFLA_LINKINFO", IFLA_LINKINFO),
        new("IFLA_INFO_KIND", IFLA_INFO_KIND), new("IFLA_INFO_DATA", IFLA_INFO_DATA), new("IFLA_MACVLAN_MODE", IFLA_MACVLAN_MODE), new("MACVLAN_MODE_PRIVATE", MACVLAN_MODE_PRIVATE),
        new("IFF_UP", IFF_UP), new("IFF_RUNNING", IFF_RUNNING),
        new("RT_SCOPE_SITE", RT_SCOPE_SITE), new("RT_SCOPE_LINK", RT_SCOPE_LINK), new("RT_SCOPE_HOST", RT_SCOPE_HOST),
        new("ETH_P_ARP", ETH_P_ARP), new("ETH_P_IPV6", ETH_P_IPV6), new("EFD_NONBLOCK", EFD_NONBLOCK), new("EFD_CLOEXEC", EFD_CLOEXEC),
        new("O_CREAT", O_CREAT), new("O_TRUNC", O_TRUNC), new("O_CLOEXEC", O_CLOEXEC), new("POLLIN", POLLIN),
        new("WNOHANG", WNOHANG), new("WEXITED", WEXITED), new("SIGKILL", SIGKILL), new("CLD_EXITED", CLD_EXITED), new("CLD_KILLED", CLD_KILLED), new("CLD_DUMPED", CLD_DUMPED),
        new("POSIX_SPAWN_SETPGROUP", POSIX_SPAWN_SETPGROUP), new("POSIX_SPAWN_SETSIGDEF", POSIX_SPAWN_SETSIGDEF), new("POSIX_SPAWN_SETSIGMASK", POSIX_SPAWN_SETSIGMASK),
        new("IN_NONBLOCK", IN_NONBLOCK), new("IN_CLOEXEC", IN_CLOEXEC), new("IN_CLOSE_WRITE", IN_CLOSE_WRITE), new("IN_MOVED_FROM", IN_MOVED_FROM),
        new("IN_MOVED_TO", IN_MOVED_TO), new("IN_CREATE", IN_CREATE), new("IN_DELETE", IN_DELETE), new("IN_Q_OVERFLOW", IN_Q_OVERFLOW), new("IN_IGNORED", IN_IGNORED), new("IN_ONLYDIR", IN_ONLYDIR),
    ];

    [SkippableTheory]
    [InlineData("x86_64-linux-gnu")]
    [InlineData("aarch64-linux-gnu")]
    public void Hand_written_structs_and_constants_match_the_C_headers(string target)
    {
        LabRequirements.RequireTool("clang", "clang");
        if (target.StartsWith("aarch64", StringComparison.Ordinal))
            Skip.IfNot(Directory.Exists("/usr/aarch64-linux-gnu/include"), "SKIPPED LOUDLY: aarch64 headers missing (Debian libc6-dev-arm64-cross); run ./build.sh setup");
        string source = AbiCheck.Generate(s_includes, s_structs, s_constants);
        var (code, output) = AbiCheck.Compile(source, target);
        Assert.True(code == 0, $"ABI mismatch for {target}:\n{output}");
    }

    [Fact]
    public void Generated_source_asserts_every_field()
    {
        string source = AbiCheck.Generate(s_includes, s_structs, s_constants);
        Assert.Contains("_Static_assert(sizeof(struct msghdr) == 56", source);
        Assert.Contains("_Static_assert(offsetof(struct msghdr, msg_control) == 32", source);
        Assert.Contains("_Static_assert(sizeof(struct sockaddr_ll) == 20", source);
    }
}
