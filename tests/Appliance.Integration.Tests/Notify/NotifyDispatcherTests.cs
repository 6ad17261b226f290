using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Config.Model;
using Appliance.Notify;
using Appliance.Testing.Lab;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Appliance.Vrrp.Protocol;
using Serilog;

namespace Appliance.Integration.Tests.Notify;

public sealed class NotifyDispatcherTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ap-notify-").FullName;
    private static readonly ILogger s_log = new LoggerConfiguration().CreateLogger();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ApplianceEvent State(VrrpState to, byte prio = 100) => new(EventKind.StateChanged, MonoTime.Zero, "VI_1", VrrpState.Backup, to, prio);

    private string Script(string name, string body)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        Shell.Run("chmod", "700", path);
        return path;
    }

    private static ApplianceConfig Config(NotifyConfig notify, GlobalSettings? global = null, bool smtpAlert = false) => new()
    {
        Global = global ?? new GlobalSettings(),
        Instances =
        [
            new VrrpInstanceConfig
            {
                Protocol = new InstanceSettings { Name = "VI_1", Vrid = 51 }, Interface = "eth0", Notify = notify, SmtpAlert = smtpAlert,
            },
        ],
    };

    [Fact]
    public void Fifo_receives_keepalived_lines_and_the_split_brain_events_in_order()
    {
        string fifo = Path.Combine(_dir, "notify.fifo");
        using var d = new NotifyDispatcher(Config(new NotifyConfig(), new GlobalSettings { NotifyFifo = fifo }), s_log);
        Assert.True(File.Exists(fifo), "the FIFO is created when missing");
        var lines = new List<string>();
        var readerThread = new Thread(() =>
        {
            using var reader = new StreamReader(new FileStream(fifo, FileMode.Open, FileAccess.Read));
            for (int i = 0; i < 3 && reader.ReadLine() is { } l; i++) lock (lines) lines.Add(l);
        }) { IsBackground = true };
        readerThread.Start();
        d.Publish(State(VrrpState.Master));
        d.Publish(new ApplianceEvent(EventKind.LanFault, MonoTime.Zero, "VI_1", VrrpState.Backup, VrrpState.Backup, 100, "serial0", 2));
        d.Publish(new ApplianceEvent(EventKind.ChannelDown, MonoTime.Zero, Channel: "link0", PeerId: 2));
        Poll.Require(() => { lock (lines) return lines.Count == 3; }, TimeSpan.FromSeconds(10), "three lines on the FIFO");
        Assert.Equal(["INSTANCE \"VI_1\" MASTER 100", "LAN_FAULT \"VI_1\" BACKUP 100 2 serial0", "CHANNEL_DOWN \"link0\" DOWN 0 2"], lines);
    }

    [Fact]
    public void Fifo_without_a_reader_never_blocks_the_daemon()
    {
        string fifo = Path.Combine(_dir, "nobody.fifo");
        using var d = new NotifyDispatcher(Config(new NotifyConfig(), new GlobalSettings { NotifyFifo = fifo }), s_log);
        // 64 KiB of pipe buffer holds about 2,000 lines: publish more and the rest must be dropped, not wait.
        for (int i = 0; i < 4000; i++)
        {
            d.Publish(State(VrrpState.Master));
            if (i % 200 == 0) Assert.True(d.Drain(TimeSpan.FromSeconds(10)), "the worker kept up");
        }
        Assert.True(d.Drain(TimeSpan.FromSeconds(10)));
        Assert.True(d.FifoDrops > 0);
    }

    [Fact]
    public void Generic_notify_script_gets_type_name_state_priority_and_state_script_runs_without_arguments()
    {
        string log = Path.Combine(_dir, "calls.log");
        string generic = Script("notify.sh", $"echo \"notify $*\" >> {log}");
        string master = Script("master.sh", $"echo \"master $#\" >> {log}");
        using var d = new NotifyDispatcher(Config(new NotifyConfig { Notify = generic, Master = master }), s_log);
        d.Publish(State(VrrpState.Master, 100));
        d.Publish(new ApplianceEvent(EventKind.SplitBrainSuspected, MonoTime.Zero, "VI_1", VrrpState.Master, VrrpState.Master, 100, "serial0", 2));
        d.Publish(new ApplianceEvent(EventKind.ChannelUp, MonoTime.Zero, Channel: "serial0", PeerId: 2));
        Assert.True(d.Drain(TimeSpan.FromSeconds(20)));
        Assert.Equal(
            ["master 0", "notify INSTANCE VI_1 MASTER 100", "notify SPLIT_BRAIN_SUSPECTED VI_1 MASTER 100 2 serial0", "notify CHANNEL_UP serial0 UP 0 2"],
            File.ReadAllLines(log));
    }

    [Fact]
    public void Master_rx_lower_pri_runs_its_own_script_as_written_and_never_the_generic_one()
    {
        string log = Path.Combine(_dir, "rx.log");
        string generic = Script("notify.sh", $"echo \"notify $*\" >> {log}");
        string rx = Script("rx.sh", $"echo \"rx $*\" >> {log}");
        using var d = new NotifyDispatcher(Config(new NotifyConfig { Notify = generic, MasterRxLowerPriority = rx + " lower 1" }), s_log);
        var e = new ApplianceEvent(EventKind.MasterRxLowerPriority, MonoTime.Zero, "VI_1", VrrpState.Master, VrrpState.Master, 150);
        d.Publish(e);
        d.Publish(e);
        Assert.True(d.Drain(TimeSpan.FromSeconds(20)));
        // keepalived's notify_exec: the configured words only, once per lower-priority advert.
        Assert.Equal(["rx lower 1", "rx lower 1"], File.ReadAllLines(log));
    }

    [Fact]
    public void Sync_group_runs_its_state_script_then_its_generic_notify_with_GROUP_name_state_0_and_the_fifo_gets_the_group_line()
    {
        string log = Path.Combine(_dir, "group.log");
        string fifo = Path.Combine(_dir, "group.fifo");
        string generic = Script("gnotify.sh", $"echo \"notify $*\" >> {log}");
        string fault = Script("gfault.sh", $"echo \"fault $#\" >> {log}");
        var config = Config(new NotifyConfig(), new GlobalSettings { NotifyFifo = fifo }) with
        {
            SyncGroups = [new SyncGroupConfig { Name = "VG_1", Instances = ["VI_1", "VI_2"], Notify = new NotifyConfig { Notify = generic, Fault = fault } }],
        };
        using var d = new NotifyDispatcher(config, s_log);
        var lines = new List<string>();
        var readerThread = new Thread(() =>
        {
            using var reader = new StreamReader(new FileStream(fifo, FileMode.Open, FileAccess.Read));
            if (reader.ReadLine() is { } l) lock (lines) lines.Add(l);
        }) { IsBackground = true };
        readerThread.Start();
        d.Publish(new ApplianceEvent(EventKind.GroupStateChanged, MonoTime.Zero, "VG_1", VrrpState.Master, VrrpState.Fault, 0));
        Assert.True(d.Drain(TimeSpan.FromSeconds(20)));
        Assert.Equal(["fault 0", "notify GROUP VG_1 FAULT 0"], File.ReadAllLines(log));
        Poll.Require(() => { lock (lines) return lines.Count == 1; }, TimeSpan.FromSeconds(10), "the group line on the FIFO");
        Assert.Equal("GROUP \"VG_1\" FAULT 0", lines[0]);
    }

    [Fact]
    public void Hung_script_is_killed_after_its_timeout_and_later_events_still_arrive()
    {
        string log = Path.Combine(_dir, "calls.log");
        string generic = Script("notify.sh", $"if [ \"$3\" = BACKUP ]; then exec sleep 600; fi; echo \"$*\" >> {log}");
        using var d = new NotifyDispatcher(Config(new NotifyConfig { Notify = generic }), s_log, TimeSpan.FromMilliseconds(500));
        d.Publish(State(VrrpState.Backup));
        d.Publish(State(VrrpState.Master));
        Assert.True(d.Drain(TimeSpan.FromSeconds(20)));
        Assert.Equal(["INSTANCE VI_1 MASTER 100"], File.ReadAllLines(log));
    }

    [Fact]
    public void Publishing_on_the_loop_thread_allocates_nothing()
    {
        using var d = new NotifyDispatcher(Config(new NotifyConfig()), s_log);
        var e = State(VrrpState.Master);
        for (int i = 0; i < 100; i++) d.Publish(e);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) d.Publish(e);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Split_brain_alert_is_mailed_through_the_smtp_relay()
    {
        using var relay = new FakeSmtpRelay();
        var global = new GlobalSettings
        {
            RouterId = "edge-1", SmtpServer = "127.0.0.1", SmtpPort = relay.Port, SmtpConnectTimeoutSeconds = 5,
            NotificationEmailFrom = "ha@example.net", NotificationEmails = ["ops@example.net", "noc@example.net"],
        };
        using var d = new NotifyDispatcher(Config(new NotifyConfig(), global), s_log);
        d.Publish(State(VrrpState.Master));   // no smtp_alert on the instance: not mailed
        d.Publish(new ApplianceEvent(EventKind.SplitBrainSuspected, MonoTime.Zero, "VI_1", VrrpState.Master, VrrpState.Master, 150, "serial0", 2));
        Poll.Require(() => relay.Messages.Count == 1, TimeSpan.FromSeconds(10), "one mail at the relay", () => relay.Transcript);
        Assert.True(d.Drain(TimeSpan.FromSeconds(10)));
        Assert.Single(relay.Messages);
        string msg = relay.Messages[0];
        Assert.Contains("Subject: [edge-1] SPLIT_BRAIN_SUSPECTED VI_1", msg, StringComparison.Ordinal);
        Assert.Contains("SPLIT_BRAIN_SUSPECTED \"VI_1\" MASTER 150 2 serial0", msg, StringComparison.Ordinal);
        Assert.Contains("MAIL FROM:<ha@example.net>", relay.Transcript, StringComparison.Ordinal);
        Assert.Contains("RCPT TO:<ops@example.net>", relay.Transcript, StringComparison.Ordinal);
        Assert.Contains("RCPT TO:<noc@example.net>", relay.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void State_change_is_mailed_when_the_instance_has_smtp_alert()
    {
        using var relay = new FakeSmtpRelay();
        var global = new GlobalSettings { RouterId = "edge-1", SmtpServer = "127.0.0.1", SmtpPort = relay.Port, NotificationEmails = ["ops@example.net"] };
        using var d = new NotifyDispatcher(Config(new NotifyConfig(), global, smtpAlert: true), s_log);
        d.Publish(State(VrrpState.Master));
        Poll.Require(() => relay.Messages.Count == 1, TimeSpan.FromSeconds(10), "one mail", () => relay.Transcript);
        Assert.Contains("Subject: [edge-1] VRRP Instance VI_1 - Entering MASTER state", relay.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Mail_body_lines_starting_with_a_dot_are_dot_stuffed()
    {
        using var relay = new FakeSmtpRelay();
        var s = new SmtpSettings("127.0.0.1", relay.Port, TimeSpan.FromSeconds(5), "a@b", ["c@d"], "edge-1");
        Assert.Null(SmtpMailer.Send(s, "subject", "first\n.hidden\nlast", DateTimeOffset.UnixEpoch));
        Poll.Require(() => relay.Messages.Count == 1, TimeSpan.FromSeconds(10), "the mail");
        Assert.Contains("\r\n..hidden\r\n", relay.Messages[0], StringComparison.Ordinal);
        Assert.Contains("Date: Thu, 01 Jan 1970 00:00:00 +0000", relay.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Relay_that_refuses_the_recipient_is_reported_not_thrown()
    {
        using var relay = new FakeSmtpRelay(refuseRcpt: true);
        var s = new SmtpSettings("127.0.0.1", relay.Port, TimeSpan.FromSeconds(5), "a@b", ["c@d"], "edge-1");
        Assert.Equal("RCPT TO c@d: server answered 550", SmtpMailer.Send(s, "subject", "body", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Nobody_listening_is_reported_not_thrown()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        var s = new SmtpSettings("127.0.0.1", port, TimeSpan.FromSeconds(5), "a@b", ["c@d"], "edge-1");
        Assert.Contains("ConnectionRefused", SmtpMailer.Send(s, "subject", "body", DateTimeOffset.UnixEpoch), StringComparison.Ordinal);
    }

    /// <summary>An SMTP relay on 127.0.0.1 that accepts (or refuses) and records what it was told.</summary>
    private sealed class FakeSmtpRelay : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly StringBuilder _transcript = new();
        private readonly Thread _thread;
        private readonly bool _refuseRcpt;

        public FakeSmtpRelay(bool refuseRcpt = false)
        {
            _refuseRcpt = refuseRcpt;
            _listener.Start();
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public List<string> Messages { get; } = [];

        public string Transcript
        {
            get { lock (_transcript) return _transcript.ToString(); }
        }

        private void Serve()
        {
            try
            {
                while (true)
                {
                    using var c = _listener.AcceptTcpClient();
                    using var s = c.GetStream();
                    using var r = new StreamReader(s, Encoding.ASCII);
                    void Reply(string line) => s.Write(Encoding.ASCII.GetBytes(line + "\r\n"));
                    Reply("220 fake ESMTP");
                    string? line;
                    while ((line = r.ReadLine()) is not null)
                    {
                        lock (_transcript) _transcript.AppendLine(line);
                        if (line.StartsWith("EHLO", StringComparison.Ordinal)) { Reply("250-fake"); Reply("250 8BITMIME"); }
                        else if (line.StartsWith("RCPT", StringComparison.Ordinal)) Reply(_refuseRcpt ? "550 no such user" : "250 ok");
                        else if (line == "DATA")
                        {
                            Reply("354 go ahead");
                            var msg = new StringBuilder();
                            string? l;
                            while ((l = r.ReadLine()) is not null && l != ".") msg.Append(l).Append("\r\n");
                            lock (Messages) Messages.Add(msg.ToString());
                            Reply("250 queued");
                        }
                        else if (line == "QUIT") { Reply("221 bye"); break; }
                        else Reply("250 ok");
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
            {
                // Dispose stopped the listener (or the client hung up): the relay's life is over.
                lock (_transcript) _transcript.AppendLine($"(relay stopped: {e.GetType().Name})");
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }
}
