using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Appliance.Platform.Linux.Netlink;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Nftables;

/// <summary>An address whose local delivery the accept-mode filter refuses.</summary>
/// <param name="Address">4 bytes (IPv4) or 16 (IPv6), network order.</param>
public readonly record struct FilteredAddress(byte[] Address)
{
    public bool IsV6 => Address.Length == 16;
}

/// <summary>
/// Builds the one nf_tables transaction that makes the accept-mode table what it must be: the
/// table is created (if missing) and deleted, then built again with one input chain and its
/// rules, all in a single batch the kernel applies atomically, so no instant exists with half
/// the rules, and a second run replaces the first. With no addresses the batch only removes the
/// table. Pure: it writes into a caller's buffer; the layout is tested against the kernel.
///
/// The rules, per address (RFC 9568 §6.4.3: a non-owner master in accept mode off must not accept
/// packets addressed to the virtual addresses, but must answer Neighbor Discovery for them):
/// <code>
///   meta nfproto ipv4 ip daddr A drop
///   meta nfproto ipv6 ip6 daddr A meta l4proto icmpv6 icmpv6 type 135-136 accept
///   meta nfproto ipv6 ip6 daddr A drop
/// </code>
/// </summary>
public static class NftBatch
{
    public const string Chain = "accept_mode";

    /// <summary>Writes the batch for <paramref name="table"/>; returns its length and the sequence of its last message.</summary>
    public static int Write(Span<byte> buffer, string table, IReadOnlyList<FilteredAddress> addresses, uint seq, out uint lastSeq)
    {
        int at = 0;
        at += Message(buffer[at..], NFNL_MSG_BATCH_BEGIN, NLM_F_REQUEST, seq++, NFPROTO_UNSPEC, static (ref NetlinkWriter _, object? _) => { }, null, batch: true);
        at += Message(buffer[at..], Type(NFT_MSG_NEWTABLE), Create, seq++, NFPROTO_INET, static (ref NetlinkWriter w, object? t) => w.AttributeString(NFTA_TABLE_NAME, (string)t!), table);
        at += Message(buffer[at..], Type(NFT_MSG_DELTABLE), NLM_F_REQUEST | NLM_F_ACK, seq++, NFPROTO_INET, static (ref NetlinkWriter w, object? t) => w.AttributeString(NFTA_TABLE_NAME, (string)t!), table);
        if (addresses.Count > 0)
        {
            at += Message(buffer[at..], Type(NFT_MSG_NEWTABLE), Create, seq++, NFPROTO_INET, static (ref NetlinkWriter w, object? t) => w.AttributeString(NFTA_TABLE_NAME, (string)t!), table);
            at += Message(buffer[at..], Type(NFT_MSG_NEWCHAIN), Create, seq++, NFPROTO_INET, static (ref NetlinkWriter w, object? t) =>
            {
                w.AttributeString(NFTA_CHAIN_TABLE, (string)t!);
                w.AttributeString(NFTA_CHAIN_NAME, Chain);
                int hook = w.BeginNested(NFTA_CHAIN_HOOK | NLA_F_NESTED);
                Be32(ref w, NFTA_HOOK_HOOKNUM, NF_INET_LOCAL_IN);
                // Just before the usual filter priority (0), as keepalived's own table sits.
                Be32(ref w, NFTA_HOOK_PRIORITY, unchecked((uint)-1));
                w.EndNested(hook);
                Be32(ref w, NFTA_CHAIN_POLICY, NF_ACCEPT);
                w.AttributeString(NFTA_CHAIN_TYPE, "filter");
            }, table);
            foreach (var a in addresses)
            {
                if (a.IsV6)
                    at += Message(buffer[at..], Type(NFT_MSG_NEWRULE), Create | NLM_F_APPEND, seq++, NFPROTO_INET, static (ref NetlinkWriter w, object? s) =>
                        Rule(ref w, (RuleState)s!, neighborDiscovery: true), new RuleState(table, a));
                at += Message(buffer[at..], Type(NFT_MSG_NEWRULE), Create | NLM_F_APPEND, seq++, NFPROTO_INET, static (ref NetlinkWriter w, object? s) =>
                    Rule(ref w, (RuleState)s!, neighborDiscovery: false), new RuleState(table, a));
            }
        }
        lastSeq = seq - 1; // every message between BEGIN and END asks for an ACK; this one is answered last
        at += Message(buffer[at..], NFNL_MSG_BATCH_END, NLM_F_REQUEST, seq, NFPROTO_UNSPEC, static (ref NetlinkWriter _, object? _) => { }, null, batch: true);
        return at;
    }

    private const ushort Create = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK;

    private sealed record RuleState(string Table, FilteredAddress Address);

    private delegate void Body(ref NetlinkWriter w, object? state);

    private static ushort Type(ushort msg) => (ushort)((NFNL_SUBSYS_NFTABLES << 8) | msg);

    private static int Message(Span<byte> buffer, ushort type, ushort flags, uint seq, byte family, Body body, object? state, bool batch = false)
    {
        var w = new NetlinkWriter(buffer, type, flags, seq);
        // struct nfgenmsg: family, version (NFNETLINK_V0), res_id (big-endian: the subsystem for batch messages).
        Span<byte> gen = [family, 0, 0, batch ? NFNL_SUBSYS_NFTABLES : (byte)0];
        w.Append(MemoryMarshal.Read<uint>(gen));
        body(ref w, state);
        return NlAlign(w.Finish().Length);
    }

    private static void Rule(ref NetlinkWriter w, RuleState s, bool neighborDiscovery)
    {
        w.AttributeString(NFTA_RULE_TABLE, s.Table);
        w.AttributeString(NFTA_RULE_CHAIN, Chain);
        int list = w.BeginNested(NFTA_RULE_EXPRESSIONS | NLA_F_NESTED);
        bool v6 = s.Address.IsV6;
        Meta(ref w, NFT_META_NFPROTO);
        Cmp(ref w, NFT_CMP_EQ, [v6 ? NFPROTO_IPV6 : NFPROTO_IPV4]);
        // The destination address: offset 16 in the IPv4 header, 24 in the IPv6 header.
        Payload(ref w, NFT_PAYLOAD_NETWORK_HEADER, v6 ? 24u : 16u, (uint)s.Address.Address.Length);
        Cmp(ref w, NFT_CMP_EQ, s.Address.Address);
        if (neighborDiscovery)
        {
            Meta(ref w, NFT_META_L4PROTO);
            Cmp(ref w, NFT_CMP_EQ, [58]);
            Payload(ref w, NFT_PAYLOAD_TRANSPORT_HEADER, 0, 1);
            Cmp(ref w, NFT_CMP_GTE, [135]); // Neighbor Solicitation
            Cmp(ref w, NFT_CMP_LTE, [136]); // Neighbor Advertisement
        }
        Verdict(ref w, neighborDiscovery ? NF_ACCEPT : NF_DROP);
        w.EndNested(list);
    }

    private static void Meta(ref NetlinkWriter w, uint key)
    {
        var e = Expr(ref w, "meta");
        Be32(ref w, NFTA_META_DREG, NFT_REG_1);
        Be32(ref w, NFTA_META_KEY, key);
        End(ref w, e);
    }

    private static void Payload(ref NetlinkWriter w, uint @base, uint offset, uint length)
    {
        var e = Expr(ref w, "payload");
        Be32(ref w, NFTA_PAYLOAD_DREG, NFT_REG_1);
        Be32(ref w, NFTA_PAYLOAD_BASE, @base);
        Be32(ref w, NFTA_PAYLOAD_OFFSET, offset);
        Be32(ref w, NFTA_PAYLOAD_LEN, length);
        End(ref w, e);
    }

    private static void Cmp(ref NetlinkWriter w, uint op, scoped ReadOnlySpan<byte> value)
    {
        var e = Expr(ref w, "cmp");
        Be32(ref w, NFTA_CMP_SREG, NFT_REG_1);
        Be32(ref w, NFTA_CMP_OP, op);
        int data = w.BeginNested(NFTA_CMP_DATA | NLA_F_NESTED);
        w.Attribute(NFTA_DATA_VALUE, value);
        w.EndNested(data);
        End(ref w, e);
    }

    private static void Verdict(ref NetlinkWriter w, uint code)
    {
        var e = Expr(ref w, "immediate");
        Be32(ref w, NFTA_IMMEDIATE_DREG, NFT_REG_VERDICT);
        int data = w.BeginNested(NFTA_IMMEDIATE_DATA | NLA_F_NESTED);
        int verdict = w.BeginNested(NFTA_DATA_VERDICT | NLA_F_NESTED);
        Be32(ref w, NFTA_VERDICT_CODE, code);
        w.EndNested(verdict);
        w.EndNested(data);
        End(ref w, e);
    }

    // One list element: the expression's name, then its attributes nested in NFTA_EXPR_DATA.
    private static (int Elem, int Data) Expr(ref NetlinkWriter w, string name)
    {
        int elem = w.BeginNested(NFTA_LIST_ELEM | NLA_F_NESTED);
        w.AttributeString(NFTA_EXPR_NAME, name);
        return (elem, w.BeginNested(NFTA_EXPR_DATA | NLA_F_NESTED));
    }

    private static void End(ref NetlinkWriter w, (int Elem, int Data) e)
    {
        w.EndNested(e.Data);
        w.EndNested(e.Elem);
    }

    // nf_tables integers are big-endian on the wire, unlike rtnetlink's.
    private static void Be32(ref NetlinkWriter w, ushort type, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        w.Attribute(type, b);
    }
}
