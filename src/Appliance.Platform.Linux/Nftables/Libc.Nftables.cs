namespace Appliance.Platform.Linux.Interop;

/// <summary>nf_tables over netlink (linux/netfilter/nfnetlink.h, linux/netfilter/nf_tables.h).</summary>
internal static partial class Libc
{
    internal const int NETLINK_NETFILTER = 12;
    internal const ushort NLA_F_NESTED = 0x8000;
    internal const ushort NLM_F_APPEND = 0x800;

    internal const byte NFNL_SUBSYS_NFTABLES = 10;
    internal const ushort NFNL_MSG_BATCH_BEGIN = 0x10;
    internal const ushort NFNL_MSG_BATCH_END = 0x11;

    internal const ushort NFT_MSG_NEWTABLE = 0;
    internal const ushort NFT_MSG_DELTABLE = 2;
    internal const ushort NFT_MSG_NEWCHAIN = 3;
    internal const ushort NFT_MSG_NEWRULE = 6;

    internal const byte NFPROTO_UNSPEC = 0;
    internal const byte NFPROTO_INET = 1;
    internal const byte NFPROTO_IPV4 = 2;
    internal const byte NFPROTO_IPV6 = 10;

    internal const ushort NFTA_TABLE_NAME = 1;
    internal const ushort NFTA_CHAIN_TABLE = 1;
    internal const ushort NFTA_CHAIN_NAME = 3;
    internal const ushort NFTA_CHAIN_HOOK = 4;
    internal const ushort NFTA_CHAIN_POLICY = 5;
    internal const ushort NFTA_CHAIN_TYPE = 7;
    internal const ushort NFTA_HOOK_HOOKNUM = 1;
    internal const ushort NFTA_HOOK_PRIORITY = 2;
    internal const ushort NFTA_RULE_TABLE = 1;
    internal const ushort NFTA_RULE_CHAIN = 2;
    internal const ushort NFTA_RULE_EXPRESSIONS = 4;
    internal const ushort NFTA_LIST_ELEM = 1;
    internal const ushort NFTA_EXPR_NAME = 1;
    internal const ushort NFTA_EXPR_DATA = 2;

    internal const ushort NFTA_META_DREG = 1;
    internal const ushort NFTA_META_KEY = 2;
    internal const uint NFT_META_NFPROTO = 15;
    internal const uint NFT_META_L4PROTO = 16;

    internal const ushort NFTA_CMP_SREG = 1;
    internal const ushort NFTA_CMP_OP = 2;
    internal const ushort NFTA_CMP_DATA = 3;
    internal const uint NFT_CMP_EQ = 0;
    internal const uint NFT_CMP_LTE = 3;
    internal const uint NFT_CMP_GTE = 5;
    internal const ushort NFTA_DATA_VALUE = 1;
    internal const ushort NFTA_DATA_VERDICT = 2;
    internal const ushort NFTA_VERDICT_CODE = 1;

    internal const ushort NFTA_PAYLOAD_DREG = 1;
    internal const ushort NFTA_PAYLOAD_BASE = 2;
    internal const ushort NFTA_PAYLOAD_OFFSET = 3;
    internal const ushort NFTA_PAYLOAD_LEN = 4;
    internal const uint NFT_PAYLOAD_NETWORK_HEADER = 1;
    internal const uint NFT_PAYLOAD_TRANSPORT_HEADER = 2;

    internal const ushort NFTA_IMMEDIATE_DREG = 1;
    internal const ushort NFTA_IMMEDIATE_DATA = 2;
    internal const uint NFT_REG_VERDICT = 0;
    internal const uint NFT_REG_1 = 1;

    internal const uint NF_DROP = 0;
    internal const uint NF_ACCEPT = 1;
    internal const uint NF_INET_LOCAL_IN = 1;
}
