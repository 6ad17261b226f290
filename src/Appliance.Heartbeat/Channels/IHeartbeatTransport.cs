namespace Appliance.Heartbeat.Channels;

/// <summary>
/// The medium under one heartbeat channel (a serial line, a UDP socket on a direct link). The loop
/// polls <see cref="PollFd"/>, calls <see cref="Receive"/> when it is readable and <see cref="Send"/>
/// on the channel's interval; a transport that is gone (a USB adapter pulled) is reopened by the
/// loop with <see cref="TryOpen"/>. Receive and Send never block and never allocate.
/// </summary>
public interface IHeartbeatTransport : IDisposable
{
    /// <summary>True for a byte stream that needs reassembly (serial); false for datagrams.</summary>
    bool IsStream { get; }

    /// <summary>True while open.</summary>
    bool IsOpen { get; }

    /// <summary>The descriptor to poll for input; -1 while closed.</summary>
    int PollFd { get; }

    /// <summary>Why the last open, receive or send failed (for logs; allocated only on failure).</summary>
    string? LastError { get; }

    /// <summary>Opens (or reopens) the medium; false with <see cref="LastError"/> set when it is not there.</summary>
    bool TryOpen();

    /// <summary>
    /// Reads what is available into <paramref name="buffer"/>: the byte count (a whole datagram, or any
    /// part of the stream), 0 when nothing is waiting, -1 when the medium is gone (it is then closed).
    /// </summary>
    int Receive(Span<byte> buffer);

    /// <summary>Sends one frame; false when it could not go out now (the frame is dropped, the next one resynchronises).</summary>
    bool Send(ReadOnlySpan<byte> frame);
}
