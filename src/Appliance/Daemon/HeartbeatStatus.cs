using System.Text.Unicode;
using Appliance.Heartbeat.Wire;

namespace Appliance.Daemon;

/// <summary>The heartbeat's lines in the status file, written without allocating like the rest.</summary>
internal sealed partial class StatusWriter
{
    private static readonly string[] s_heartbeatDropNames = BuildHeartbeatDropNames();

    private void FillHeartbeat(HeartbeatService hb)
    {
        var a = hb.Arbiter;
        Put(Utf8.TryWrite(Rest, $"heartbeat node_id {hb.NodeId} channels {hb.ChannelCount}\n", out int w0), w0);
        foreach (var c in hb.Channels)
        {
            Put(Utf8.TryWrite(Rest, $"heartbeat_channel {c.Name} open {(c.Transport.IsOpen ? 1 : 0)} sent {c.FramesSent} received {c.FramesReceived} ", out int w1), w1);
            Put(Utf8.TryWrite(Rest, $"send_failures {c.SendFailures} reopens {c.Reopens} drops {c.Drops.Total}\n", out int w2), w2);
            for (int r = 1; r < s_heartbeatDropNames.Length; r++)
            {
                long n = c.Drops[(HeartbeatDropReason)r];
                if (n != 0) Put(Utf8.TryWrite(Rest, $"drop heartbeat_channel {c.Name} {s_heartbeatDropNames[r]} {n}\n", out int w3), w3);
            }
        }
        for (int r = 1; r < s_heartbeatDropNames.Length; r++)
        {
            long n = a.Drops[(HeartbeatDropReason)r];
            if (n != 0) Put(Utf8.TryWrite(Rest, $"drop heartbeat {s_heartbeatDropNames[r]} {n}\n", out int w4), w4);
        }
        for (int i = 0; i < a.Instances.Length; i++)
        {
            Put(Utf8.TryWrite(Rest, $"heartbeat_instance {a.Instances[i].Name} inhibited {(a.IsInhibited(i) ? 1 : 0)} lan_fault {(a.IsLanFault(i) ? 1 : 0)} split {(a.IsSplit(i) ? 1 : 0)}\n", out int w5), w5);
        }
    }

    private static string[] BuildHeartbeatDropNames()
    {
        int max = 0;
        foreach (var r in Enum.GetValues<HeartbeatDropReason>()) max = Math.Max(max, (int)r);
        var names = new string[max + 1];
        for (int i = 0; i <= max; i++) names[i] = ((HeartbeatDropReason)i).ToString();
        return names;
    }
}
