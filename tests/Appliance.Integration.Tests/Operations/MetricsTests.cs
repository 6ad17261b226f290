using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Integration.Tests.Daemon;
using Appliance.Operations.Metrics;
using Appliance.Testing.Lab;
using Appliance.Vrrp.Wire;

namespace Appliance.Integration.Tests.Operations;

/// <summary>
/// The Prometheus endpoint of a real daemon in a lab namespace, scraped with HttpClient (its
/// sockets made inside the router's namespace) and read by a strict text-format parser.
/// </summary>
public sealed class MetricsTests
{
    private const string Vip = "10.200.0.254";
    private const int Port = 9650;
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(15);

    private static HttpClient ClientIn(NetNs ns) => new(new SocketsHttpHandler
    {
        // The socket is created on a thread inside the namespace and stays there; connecting
        // and the HTTP exchange then run wherever the runtime likes.
        ConnectCallback = async (ctx, ct) =>
        {
            var s = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            try
            {
                await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, ctx.DnsEndPoint.Port), ct);
            }
            catch
            {
                s.Dispose();
                throw;
            }
            return new NetworkStream(s, ownsSocket: true);
        },
    })
    { Timeout = TimeSpan.FromSeconds(10) };

    private static Socket SocketIn(NetNs ns)
    {
        var s = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        s.ReceiveTimeout = 15_000;
        s.Connect(new IPEndPoint(IPAddress.Loopback, Port));
        return s;
    }

    [SkippableFact]
    public void Scrape_is_strict_prometheus_text_with_instance_state_priorities_drop_reasons_gc_and_loop_turns()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(2);
        var r1 = lab.Own(DaemonProcess.Start(lab.Routers[0], lab.Directory, "r1",
            VrrpInstanceSpec.File([new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.2 }], $"metrics_listen 127.0.0.1:{Port}")));
        var r2 = lab.StartRouter(2, new VrrpInstanceSpec { Priority = 100, AdvertInt = 0.2 });
        lab.RequireOnlyMaster(1, Vip, s_settle, r1, r2);
        using var http = ClientIn(lab.Routers[0]);

        var response = http.GetAsync($"http://127.0.0.1:{Port}/metrics").GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var (samples, types, help) = PrometheusTextParser.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());

        (string, string)[] vi1 = [("instance", "VI_1"), ("vrid", "51"), ("family", "ipv4"), ("interface", "eth0")];
        double One(string name, params (string, string)[] labels) => Assert.Single(samples, s => s.Name == name && s.Has(labels)).Value;
        Assert.Equal(2, One("appliance_vrrp_state", vi1));   // master
        Assert.Equal(150, One("appliance_vrrp_priority", vi1));
        Assert.Equal(150, One("appliance_vrrp_base_priority", vi1));
        Assert.True(One("appliance_vrrp_adverts_sent_total", vi1) > 0);
        Assert.Equal(1, One("appliance_vrrp_became_master_total", vi1));
        Assert.Equal("gauge", types["appliance_vrrp_state"]);
        Assert.Equal("counter", types["appliance_vrrp_adverts_sent_total"]);
        Assert.False(string.IsNullOrEmpty(help["appliance_vrrp_state"]));
        // Every drop reason is a label, zeros included, on the instance and on the socket.
        foreach (var r in Enum.GetValues<DropReason>())
        {
            if (r == DropReason.None) continue;
            Assert.Single(samples, s => s.Name == "appliance_vrrp_drops_total" && s.Has([.. vi1, ("reason", r.ToString())]));
            Assert.Single(samples, s => s.Name == "appliance_vrrp_link_drops_total" && s.Has(("interface", "eth0"), ("family", "ipv4"), ("reason", r.ToString())));
        }
        for (int g = 0; g <= 2; g++) Assert.True(One("appliance_gc_collections_total", ("generation", g.ToString(System.Globalization.CultureInfo.InvariantCulture))) >= 0);
        Assert.True(One("appliance_gc_allocated_bytes_total") > 0);
        double turns = One("appliance_loop_turns_total");
        Assert.True(turns > 0);
        Assert.Equal(1, One("appliance_metrics_scrapes_total"));

        // A second scrape: the loop turned meanwhile (adverts every 0.2 s) and the scrape was counted.
        var again = PrometheusTextParser.Parse(http.GetStringAsync($"http://127.0.0.1:{Port}/metrics").GetAwaiter().GetResult()).Samples;
        Assert.True(Assert.Single(again, s => s.Name == "appliance_loop_turns_total").Value > turns);
        Assert.Equal(2, Assert.Single(again, s => s.Name == "appliance_metrics_scrapes_total").Value);

        // Only GET /metrics.
        Assert.Equal(HttpStatusCode.NotFound, http.GetAsync($"http://127.0.0.1:{Port}/").GetAwaiter().GetResult().StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, http.PostAsync($"http://127.0.0.1:{Port}/metrics", new StringContent("x")).GetAwaiter().GetResult().StatusCode);
        Assert.Equal("BACKUP", r2.State());
    }

    [SkippableFact]
    public void Oversized_requests_are_refused_and_a_silent_client_is_dropped_while_scrapes_go_on()
    {
        LabRequirements.RequireNamespaces();
        using var lab = BridgeLab.Create(1);
        lab.Own(DaemonProcess.Start(lab.Routers[0], lab.Directory, "r1",
            VrrpInstanceSpec.File([new VrrpInstanceSpec { Priority = 150, AdvertInt = 0.2 }], $"metrics_listen 127.0.0.1:{Port}")));
        using var http = ClientIn(lab.Routers[0]);

        // A client that connects and says nothing holds no slot for ever.
        using var silent = SocketIn(lab.Routers[0]);
        // While it waits, scrapes are served.
        Assert.Contains("appliance_vrrp_state", http.GetStringAsync($"http://127.0.0.1:{Port}/metrics").GetAwaiter().GetResult());

        // A request head beyond 4 KiB gets 431 and the connection closes.
        using (var big = SocketIn(lab.Routers[0]))
        {
            big.Send(Encoding.ASCII.GetBytes("GET /metrics HTTP/1.0\r\nX-Pad: " + new string('a', MetricsConnection.MaxRequest) + "\r\n\r\n"));
            Assert.StartsWith("HTTP/1.0 431 ", ReadAll(big));
        }
        // Garbage gets 400.
        using (var bad = SocketIn(lab.Routers[0]))
        {
            bad.Send("HELLO\r\n\r\n"u8);
            Assert.StartsWith("HTTP/1.0 400 ", ReadAll(bad));
        }

        // The silent one is closed by the endpoint (its time limit), not by us: receive sees the end.
        Assert.Equal("", ReadAll(silent));
        Assert.Contains("appliance_metrics_scrapes_total 2", http.GetStringAsync($"http://127.0.0.1:{Port}/metrics").GetAwaiter().GetResult());
    }

    [Fact]
    public void Label_values_are_escaped_so_the_strict_parser_reads_them_back()
    {
        string tricky = "a\"b\\c\nd";
        string text = $"# HELP x_total help\n# TYPE x_total counter\nx_total{{instance=\"{PrometheusText.Escape(tricky)}\"}} 1\n";
        var (samples, _, _) = PrometheusTextParser.Parse(text);
        Assert.Equal(tricky, Assert.Single(samples).Labels["instance"]);
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse("# TYPE x_total counter\nx_total{instance=\"a\\qb\"} 1\n"));
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse("# TYPE x gauge\nx 1,5\n"));
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse("x 1\n"));
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse("# TYPE 1x gauge\n"));
    }

    private static string ReadAll(Socket s)
    {
        var sb = new StringBuilder();
        var buf = new byte[8192];
        int n;
        while ((n = s.Receive(buf)) > 0) sb.Append(Encoding.ASCII.GetString(buf, 0, n));
        return sb.ToString();
    }
}
