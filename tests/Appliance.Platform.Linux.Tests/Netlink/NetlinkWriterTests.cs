using System.Runtime.InteropServices;
using Appliance.Platform.Linux.Netlink;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Tests.Netlink;

public sealed class NetlinkWriterTests
{
    [Fact]
    public void Attributes_are_padded_to_four_bytes_and_the_header_carries_the_total_length()
    {
        var buffer = new byte[128];
        var w = new NetlinkWriter(buffer, RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK, 7);
        w.Append(new IfAddrMsg { ifa_family = AF_INET, ifa_prefixlen = 24, ifa_index = 3 });
        w.Attribute(IFA_LOCAL, [10, 200, 0, 254]);
        w.AttributeString(IFA_LABEL, "eth0:v");
        var msg = w.Finish();

        var h = MemoryMarshal.Read<NlMsgHdr>(msg);
        Assert.Equal((uint)msg.Length, h.nlmsg_len);
        Assert.Equal(16 + 8 + 8 + 12, msg.Length);
        Assert.Equal(7u, h.nlmsg_seq);
        Assert.Equal(RTM_NEWADDR, h.nlmsg_type);
        Assert.Equal(8, BitConverter.ToUInt16(msg[24..]));
        Assert.Equal(IFA_LOCAL, BitConverter.ToUInt16(msg[26..]));
        Assert.Equal(new byte[] { 10, 200, 0, 254 }, msg[28..32].ToArray());
        Assert.Equal(11, BitConverter.ToUInt16(msg[32..]));
        Assert.Equal("eth0:v\0"u8.ToArray(), msg[36..43].ToArray());
        Assert.Equal(0, msg[43]);
    }

    [Fact]
    public void Nested_attributes_cover_their_children()
    {
        var buffer = new byte[128];
        var w = new NetlinkWriter(buffer, RTM_NEWLINK, NLM_F_REQUEST, 1);
        w.Append(new IfInfoMsg());
        int outer = w.BeginNested(IFLA_LINKINFO);
        w.AttributeString(IFLA_INFO_KIND, "macvlan");
        w.EndNested(outer);
        var msg = w.Finish();
        Assert.Equal(4 + 12, BitConverter.ToUInt16(msg[32..]));
        Assert.Equal(16 + 16 + 16, msg.Length);
    }

    [Fact]
    public void Address_parser_prefers_ifa_local_and_reads_label_and_flags()
    {
        var buffer = new byte[128];
        var w = new NetlinkWriter(buffer, RTM_NEWADDR, 0, 0);
        w.Append(new IfAddrMsg { ifa_family = AF_INET, ifa_prefixlen = 32, ifa_index = 5, ifa_flags = 0x01 });
        w.Attribute(IFA_ADDRESS, [192, 0, 2, 9]);
        w.Attribute(IFA_LOCAL, [192, 0, 2, 1]);
        w.AttributeString(IFA_LABEL, "ppp0");
        var msg = w.Finish();
        Assert.True(AddressTable.TryParse(msg[16..], out var e));
        Assert.Equal("192.0.2.1/32", e.Prefix.ToString());
        Assert.Equal(5, e.InterfaceIndex);
        Assert.True(e.IsSecondary);
        Assert.Equal("ppp0", e.Label);
    }

    [Fact]
    public void Malformed_messages_end_the_walk_instead_of_throwing()
    {
        var random = new Random(1234);
        var buffer = new byte[64];
        for (int i = 0; i < 10_000; i++)
        {
            random.NextBytes(buffer);
            var walk = new NetlinkMessages(buffer);
            while (walk.Next(out var m))
            {
                AddressTable.TryParse(m.Payload, out _);
                LinkTable.TryParse(m.Payload, out _);
            }
        }
    }
}
