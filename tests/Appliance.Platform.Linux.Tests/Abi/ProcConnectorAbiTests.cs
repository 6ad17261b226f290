using Appliance.Testing.Abi;
using Appliance.Testing.Lab;
using static Appliance.Platform.Linux.Interop.Libc;

namespace Appliance.Platform.Linux.Tests.Abi;

/// <summary>
/// The process connector's constants and the byte offsets <c>ProcEventReader</c> reads
/// (struct cn_msg, struct proc_event of linux/connector.h and linux/cn_proc.h), against the C
/// headers of both targets.
/// </summary>
public sealed class ProcConnectorAbiTests
{
    private static readonly string[] s_includes = ["stddef.h", "sched.h", "errno.h", "linux/netlink.h", "linux/connector.h", "linux/cn_proc.h"];

    private static readonly AbiConstant[] s_constants =
    [
        new("NETLINK_CONNECTOR", NETLINK_CONNECTOR), new("CN_IDX_PROC", CN_IDX_PROC), new("CN_VAL_PROC", CN_VAL_PROC),
        new("PROC_CN_MCAST_LISTEN", PROC_CN_MCAST_LISTEN), new("PROC_CN_MCAST_IGNORE", PROC_CN_MCAST_IGNORE),
        new("PROC_EVENT_NONE", PROC_EVENT_NONE), new("PROC_EVENT_FORK", PROC_EVENT_FORK), new("PROC_EVENT_EXEC", PROC_EVENT_EXEC),
        new("PROC_EVENT_COMM", PROC_EVENT_COMM), new("(unsigned)PROC_EVENT_EXIT", PROC_EVENT_EXIT),
        new("CLONE_NEWNET", CLONE_NEWNET), new("ENOBUFS", ENOBUFS), new("ECONNREFUSED", ECONNREFUSED),
        new("sizeof(struct cn_msg)", CnMsgSize),
        new("offsetof(struct cn_msg, seq)", 8), new("offsetof(struct cn_msg, ack)", 12), new("offsetof(struct cn_msg, len)", 16),
        new("offsetof(struct proc_event, cpu)", 4), new("offsetof(struct proc_event, event_data)", ProcEventDataOffset),
        new("offsetof(struct proc_event, event_data.fork.parent_tgid)", ProcEventDataOffset + 4),
        new("offsetof(struct proc_event, event_data.fork.child_pid)", ProcEventDataOffset + 8),
        new("offsetof(struct proc_event, event_data.fork.child_tgid)", ProcEventDataOffset + 12),
        new("offsetof(struct proc_event, event_data.exec.process_tgid)", ProcEventDataOffset + 4),
        new("offsetof(struct proc_event, event_data.comm.process_tgid)", ProcEventDataOffset + 4),
        new("offsetof(struct proc_event, event_data.exit.process_tgid)", ProcEventDataOffset + 4),
    ];

    [SkippableTheory]
    [InlineData("x86_64-linux-gnu")]
    [InlineData("aarch64-linux-gnu")]
    public void Connector_constants_and_offsets_match_the_C_headers(string target)
    {
        LabRequirements.RequireTool("clang", "clang");
        if (target.StartsWith("aarch64", StringComparison.Ordinal))
            Skip.IfNot(Directory.Exists("/usr/aarch64-linux-gnu/include"), "SKIPPED LOUDLY: aarch64 headers missing (Debian libc6-dev-arm64-cross); run ./build.sh setup");
        string source = AbiCheck.Generate(s_includes, [], s_constants);
        var (code, output) = AbiCheck.Compile(source, target);
        Assert.True(code == 0, $"ABI mismatch for {target}:\n{output}");
    }
}
