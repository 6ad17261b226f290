using System.Net.Sockets;
using System.Text;
using Appliance.Platform.Linux.Board;

namespace Appliance.Board.Tests.Linux;

public sealed class SdNotifyTests
{
    [Fact]
    public void An_at_sign_names_an_abstract_socket()
    {
        string name = "ap" + Guid.NewGuid().ToString("N")[..6] + "-notify";
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint("\0" + name));
        using SdNotify notify = SdNotify.FromEnvironment(k => k == "NOTIFY_SOCKET" ? "@" + name : null)!;
        Assert.True(notify.Watchdog());
        var buf = new byte[64];
        systemd.ReceiveTimeout = 5000;
        Assert.Equal("WATCHDOG=1", Encoding.UTF8.GetString(buf, 0, systemd.Receive(buf)));
    }

    [Fact]
    public void No_NOTIFY_SOCKET_means_no_notifier()
    {
        Assert.Null(SdNotify.FromEnvironment(_ => null));
    }

    [Fact]
    public void A_socket_nobody_listens_on_is_a_clear_start_up_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new SdNotify("/nonexistent/ap-notify"));
        Assert.Contains("cannot reach NOTIFY_SOCKET /nonexistent/ap-notify", e.Message);
        Assert.Throws<InvalidOperationException>(() => new SdNotify("relative"));
    }
}
