using Appliance.Heartbeat.Channels;
using Appliance.Testing.Lab;

namespace Appliance.Platform.Linux.Tests.HeartbeatTransport;

/// <summary>
/// What every <see cref="IHeartbeatTransport"/> must do, run against each implementation with a
/// real peer (a pty pair for serial, a veth pair between namespaces for the direct link).
/// </summary>
public abstract class HeartbeatTransportContract : IDisposable
{
    /// <summary>Creates two connected, opened ends; the test owns both.</summary>
    protected abstract (IHeartbeatTransport A, IHeartbeatTransport B) CreatePair();

    /// <summary>Runs <paramref name="action"/> where the transports live (a namespace for the link).</summary>
    protected virtual void Within(Action action) => action();

    public abstract void Dispose();

    private static byte[] Frame(int n)
    {
        var f = new byte[48];
        f[0] = 0xA5;
        f[1] = 0x5A;
        f[2] = (byte)n;
        f[47] = (byte)(n >> 8);
        return f;
    }

    private static byte[] ReceiveAtLeast(IHeartbeatTransport t, int count)
    {
        var got = new List<byte>();
        var buffer = new byte[2048];
        Poll.Require(() =>
        {
            int n = t.Receive(buffer);
            if (n > 0) got.AddRange(buffer.AsSpan(0, n).ToArray());
            return got.Count >= count;
        }, TimeSpan.FromSeconds(5), $"{count} bytes");
        return [.. got];
    }

    [SkippableFact]
    public void A_frame_sent_on_one_end_is_received_on_the_other_in_both_directions()
    {
        var (a, b) = CreatePair();
        using (a)
        using (b)
        {
            Assert.True(a.Send(Frame(1)));
            Assert.Equal(Frame(1), ReceiveAtLeast(b, 48));
            Assert.True(b.Send(Frame(2)));
            Assert.Equal(Frame(2), ReceiveAtLeast(a, 48));
        }
    }

    [SkippableFact]
    public void An_idle_open_transport_receives_zero_and_has_a_descriptor()
    {
        var (a, b) = CreatePair();
        using (a)
        using (b)
        {
            Assert.True(a.IsOpen);
            Assert.True(a.PollFd >= 0);
            Assert.Equal(0, a.Receive(new byte[64]));
        }
    }

    [SkippableFact]
    public void A_closed_transport_receives_minus_one_refuses_to_send_and_reopens()
    {
        var (a, b) = CreatePair();
        using (a)
        using (b)
        {
            a.Dispose();
            Assert.False(a.IsOpen);
            Assert.Equal(-1, a.PollFd);
            Assert.Equal(-1, a.Receive(new byte[64]));
            Assert.False(a.Send(Frame(3)));
            Within(() => Assert.True(a.TryOpen(), a.LastError));
            Assert.True(a.Send(Frame(4)));
            Assert.Equal(Frame(4), ReceiveAtLeast(b, 48));
        }
    }

    [SkippableFact]
    public void Sending_and_receiving_allocate_nothing()
    {
        var (a, b) = CreatePair();
        using (a)
        using (b)
        {
            var frame = Frame(5);
            var buffer = new byte[2048];
            long before = 0;
            int received = 0;
            for (int i = 0; i < 10_100; i++)
            {
                if (i == 100) before = GC.GetAllocatedBytesForCurrentThread();
                a.Send(frame);
                // Bounded spin: the peer delivers within microseconds; a lost datagram is not waited for.
                for (int spin = 0; spin < 10_000; spin++)
                {
                    int n = b.Receive(buffer);
                    if (n > 0)
                    {
                        received += n;
                        break;
                    }
                }
            }
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
            Assert.True(received > 48 * 9_000, $"only {received} bytes arrived");
        }
    }
}
