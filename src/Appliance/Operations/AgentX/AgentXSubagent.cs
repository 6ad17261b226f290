using System.Net.Sockets;
using Appliance.Host;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;
using Serilog;

namespace Appliance.Operations.AgentX;

/// <summary>The running instances, read each time (a reload replaces the array).</summary>
internal delegate ReadOnlySpan<InstanceHost> HostList();

/// <summary>
/// The AgentX subagent (RFC 2741) serving the VRRPv3 MIB (RFC 6527) to the local snmpd, as a loop
/// source: a non-blocking stream socket to the master, Open then Register of 1.3.6.1.2.1.207,
/// then Get/GetNext/GetBulk answered from a fresh <see cref="OperationsSnapshot"/> and
/// vrrpv3NewMaster / vrrpv3ProtoError sent as Notify PDUs. When the master is absent, restarts or
/// sends something malformed, the session is dropped and opened again with a growing back-off;
/// each of those is counted and logged once per outage, never blocking the loop.
/// </summary>
internal sealed class AgentXSubagent : ILoopSource, IDisposable
{
    private const int MaxVarBinds = 2000;
    private static readonly long s_tickNs = 200_000_000;              // notification check
    private static readonly long s_pingNs = 15_000_000_000;           // keep-alive to the master
    private static readonly long s_answerNs = 5_000_000_000;          // Open/Register response wait
    private static readonly long s_protoTrapNs = 10_000_000_000;      // at most one ProtoError per row per 10 s
    private static readonly long s_backoffMinNs = 500_000_000, s_backoffMaxNs = 10_000_000_000;

    private readonly AgentXEndpoint _endpoint;
    private readonly Func<MonoTime, OperationsSnapshot> _snapshot;
    private readonly HostList _hosts;
    private readonly ILogger _log;
    private readonly bool _traps;
    private readonly byte[] _rx = new byte[AgentXPdu.HeaderSize + AgentXCodec.MaxPayload];
    private readonly byte[] _tx = new byte[256 * 1024];
    private readonly Dictionary<InstanceHost, RowTrack> _rows = new(ReferenceEqualityComparer.Instance);
    private Socket? _socket;
    private Phase _phase = Phase.Disconnected;
    private int _rxLength;
    private uint _session;
    private uint _packetId;
    private long _backoffNs = s_backoffMinNs;
    private MonoTime _retryAt;
    private MonoTime _phaseDeadline = MonoTime.Never;
    private MonoTime _nextTick;
    private MonoTime _nextPing = MonoTime.Never;
    private bool _outageLogged;

    public AgentXSubagent(AgentXEndpoint endpoint, bool traps, Func<MonoTime, OperationsSnapshot> snapshot, HostList hosts, MonoTime startedAt, ILogger log, MonoTime now)
    {
        _endpoint = endpoint;
        _traps = traps;
        _snapshot = snapshot;
        _hosts = hosts;
        _snapshotStart = startedAt;
        _log = log;
        _retryAt = now;
        _nextTick = now;
    }

    private enum Phase
    {
        Disconnected,
        Connecting,
        Opening,
        Registering,
        Ready,
    }

    public string Name => "agentx " + _endpoint.Text;

    public int PollFd => _socket is { } s && _phase != Phase.Disconnected ? (int)s.Handle : -1;

    public MonoTime NextDeadline
    {
        get
        {
            var d = MonoTime.Min(_nextTick, _phaseDeadline);
            if (_phase == Phase.Disconnected) d = MonoTime.Min(d, _retryAt);
            if (_phase == Phase.Ready) d = MonoTime.Min(d, _nextPing);
            return d;
        }
    }

    /// <summary>True while Open and Register have succeeded.</summary>
    public bool IsRegistered => _phase == Phase.Ready;

    public long Connects { get; private set; }

    public long ConnectFailures { get; private set; }

    public long SessionResets { get; private set; }

    public long MalformedPdus { get; private set; }

    public long RequestsServed { get; private set; }

    public long NotificationsSent { get; private set; }

    public void OnReadable(MonoTime now)
    {
        if (_socket is null) return;
        if (_phase == Phase.Connecting)
        {
            FinishConnect(now);
            return;
        }
        int n = _socket.Receive(_rx.AsSpan(_rxLength), SocketFlags.None, out var err);
        if (err == SocketError.WouldBlock) return;
        if (err != SocketError.Success || n == 0)
        {
            Reset(now, err == SocketError.Success ? "the master closed the session" : $"receive failed: {err}", sendClose: false);
            return;
        }
        _rxLength += n;
        try
        {
            int used = 0;
            while (true)
            {
                var rest = _rx.AsSpan(used, _rxLength - used);
                int payload = AgentXCodec.PayloadLength(rest);
                if (payload < 0 || rest.Length < AgentXPdu.HeaderSize + payload) break;
                var pdu = AgentXCodec.Decode(rest[..(AgentXPdu.HeaderSize + payload)]);
                used += AgentXPdu.HeaderSize + payload;
                Handle(pdu, now);
                if (_socket is null) return;
            }
            _rx.AsSpan(used, _rxLength - used).CopyTo(_rx);
            _rxLength -= used;
        }
        catch (AgentXFormatException e)
        {
            MalformedPdus++;
            _log.Warning("AgentX: malformed PDU from the master at {Endpoint} ({Reason}); closing the session and opening a new one", _endpoint.Text, e.Message);
            Reset(now, "malformed PDU", sendClose: true, AgentXCloseReason.ParseError);
        }
    }

    public void OnDeadline(MonoTime now)
    {
        if (now >= _nextTick)
        {
            _nextTick = now.AddNanoseconds(s_tickNs);
            Track(now);
        }
        switch (_phase)
        {
            case Phase.Disconnected when now >= _retryAt:
                Connect(now);
                break;
            case Phase.Connecting:
                if (_socket is { } s && s.Poll(0, SelectMode.SelectWrite)) FinishConnect(now);
                else if (now >= _phaseDeadline) Reset(now, "connect timed out", sendClose: false);
                break;
            case Phase.Opening or Phase.Registering when now >= _phaseDeadline:
                Reset(now, $"no answer to {(_phase == Phase.Opening ? "Open" : "Register")}", sendClose: false);
                break;
            case Phase.Ready when now >= _nextPing:
                _nextPing = now.AddNanoseconds(s_pingNs);
                Send(new AgentXPdu { Type = AgentXPduType.Ping, SessionId = _session, PacketId = ++_packetId }, now);
                break;
        }
    }

    private void Connect(MonoTime now)
    {
        var s = new Socket(_endpoint.EndPoint.AddressFamily, SocketType.Stream, _endpoint.IsUnix ? ProtocolType.Unspecified : ProtocolType.Tcp) { Blocking = false };
        _socket = s;
        try
        {
            s.Connect(_endpoint.EndPoint);
            Connected(now);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            _phase = Phase.Connecting;
            _phaseDeadline = now.AddNanoseconds(s_answerNs);
        }
        catch (SocketException e)
        {
            ConnectFailures++;
            Reset(now, $"cannot connect: {e.SocketErrorCode}", sendClose: false, counted: false);
        }
    }

    private void FinishConnect(MonoTime now)
    {
        var code = (SocketError)(int)_socket!.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (code != SocketError.Success)
        {
            ConnectFailures++;
            Reset(now, $"cannot connect: {code}", sendClose: false, counted: false);
            return;
        }
        Connected(now);
    }

    private void Connected(MonoTime now)
    {
        Connects++;
        _phase = Phase.Opening;
        _phaseDeadline = now.AddNanoseconds(s_answerNs);
        _rxLength = 0;
        _session = 0;
        Send(new AgentXPdu
        {
            Type = AgentXPduType.Open, PacketId = ++_packetId,
            Id = Vrrpv3Mib.Root, Description = "appliance VRRP daemon: VRRPv3 MIB (RFC 6527)",
        }, now);
    }

    private void Handle(AgentXPdu pdu, MonoTime now)
    {
        switch (pdu.Type)
        {
            case AgentXPduType.Response:
                OnResponse(pdu, now);
                break;
            case AgentXPduType.Get or AgentXPduType.GetNext or AgentXPduType.GetBulk:
                Answer(pdu, Serve(pdu, now), now);
                break;
            case AgentXPduType.TestSet:
                // Read-only MIB: every Set is refused at its first VarBind.
                Answer(pdu, new Reply(AgentXError.NotWritable, 1, []), now);
                break;
            case AgentXPduType.CommitSet or AgentXPduType.UndoSet or AgentXPduType.CleanupSet or AgentXPduType.Ping:
                Answer(pdu, new Reply(AgentXError.NoError, 0, []), now);
                break;
            case AgentXPduType.Close:
                Reset(now, $"the master closed the session ({pdu.Reason})", sendClose: false);
                break;
            default:
                MalformedPdus++;
                Reset(now, $"unexpected {pdu.Type} from the master", sendClose: true, AgentXCloseReason.ProtocolError);
                break;
        }
    }

    private void OnResponse(AgentXPdu pdu, MonoTime now)
    {
        if (_phase == Phase.Opening)
        {
            if (pdu.Error != AgentXError.NoError)
            {
                Reset(now, $"the master refused Open (error {pdu.Error})", sendClose: false);
                return;
            }
            _session = pdu.SessionId;
            _phase = Phase.Registering;
            _phaseDeadline = now.AddNanoseconds(s_answerNs);
            Send(new AgentXPdu { Type = AgentXPduType.Register, SessionId = _session, PacketId = ++_packetId, Subtree = Vrrpv3Mib.Root }, now);
            return;
        }
        if (_phase == Phase.Registering)
        {
            if (pdu.Error != AgentXError.NoError)
            {
                Reset(now, $"the master refused Register of {Vrrpv3Mib.Root} (error {pdu.Error})", sendClose: true, AgentXCloseReason.Other);
                return;
            }
            _phase = Phase.Ready;
            _phaseDeadline = MonoTime.Never;
            _nextPing = now.AddNanoseconds(s_pingNs);
            _backoffNs = s_backoffMinNs;
            _outageLogged = false;
            _log.Information("AgentX: session {Session} with the master at {Endpoint}; VRRPv3 MIB {Oid} registered", _session, _endpoint.Text, Vrrpv3Mib.Root.ToString());
        }
        // Responses to Notify and Ping need nothing more.
    }

    private readonly record struct Reply(ushort Error, ushort Index, List<VarBind> Binds);

    private Reply Serve(AgentXPdu pdu, MonoTime now)
    {
        RequestsServed++;
        var view = Vrrpv3Mib.Build(_snapshot(now), ProtoErrReason);
        var binds = new List<VarBind>();
        switch (pdu.Type)
        {
            case AgentXPduType.Get:
                foreach (var r in pdu.Ranges) binds.Add(view.Get(r.Start));
                break;
            case AgentXPduType.GetNext:
                foreach (var r in pdu.Ranges) binds.Add(view.Next(r));
                break;
            default:
                // RFC 2741 §7.2.3.3: the non-repeaters once, then the repeaters row by row.
                int non = Math.Min(pdu.NonRepeaters, pdu.Ranges.Count);
                for (int k = 0; k < non; k++) binds.Add(view.Next(pdu.Ranges[k]));
                var cursors = new List<SearchRange>();
                for (int k = non; k < pdu.Ranges.Count; k++) cursors.Add(pdu.Ranges[k]);
                for (int rep = 0; rep < pdu.MaxRepetitions && cursors.Count > 0 && binds.Count < MaxVarBinds; rep++)
                {
                    bool any = false;
                    for (int k = 0; k < cursors.Count; k++)
                    {
                        var b = view.Next(cursors[k]);
                        binds.Add(b);
                        if (b.Value.Type != AgentXValueType.EndOfMibView) any = true;
                        cursors[k] = cursors[k] with { Start = b.Name, Include = false };
                    }
                    if (!any) break;
                }
                break;
        }
        return new Reply(AgentXError.NoError, 0, binds);
    }

    private void Answer(AgentXPdu request, Reply reply, MonoTime now)
    {
        var flags = request.Flags & AgentXFlags.NetworkByteOrder;
        Send(new AgentXPdu
        {
            Type = AgentXPduType.Response, Flags = flags, SessionId = request.SessionId, TransactionId = request.TransactionId,
            PacketId = request.PacketId, SysUpTime = UpTicks(now), Error = reply.Error, Index = reply.Index, VarBinds = reply.Binds,
        }, now, tooBigFallback: request);
    }

    private uint UpTicks(MonoTime now) => (uint)(now.NanosecondsSince(_snapshotStart) / 10_000_000);

    // The daemon's start: the zero of the TimeTicks we send.
    private readonly MonoTime _snapshotStart;

    private void Send(AgentXPdu pdu, MonoTime now, AgentXPdu? tooBigFallback = null)
    {
        if (_socket is null) return;
        int n = AgentXCodec.Encode(pdu, _tx);
        if (n < 0 && tooBigFallback is { } req)
        {
            // RFC 2741 §7.2.4.2: a response that does not fit is replaced by tooBig(1).
            n = AgentXCodec.Encode(new AgentXPdu
            {
                Type = AgentXPduType.Response, Flags = pdu.Flags, SessionId = req.SessionId, TransactionId = req.TransactionId,
                PacketId = req.PacketId, SysUpTime = pdu.SysUpTime, Error = 1, Index = 0,
            }, _tx);
        }
        if (n < 0)
        {
            _log.Error("bug: AgentX {Type} PDU does not fit {Size} bytes", pdu.Type, _tx.Length);
            return;
        }
        int sent = _socket.Send(_tx.AsSpan(0, n), SocketFlags.None, out var err);
        // The master reads promptly; a full socket buffer means it is stuck: start over rather
        // than queue (the loop never waits on it).
        if (err != SocketError.Success || sent != n) Reset(now, $"send failed: {err}", sendClose: false);
    }

    private void Reset(MonoTime now, string why, bool sendClose, AgentXCloseReason reason = AgentXCloseReason.Other, bool counted = true)
    {
        if (sendClose && _socket is not null && _phase is Phase.Ready or Phase.Registering)
        {
            int n = AgentXCodec.Encode(new AgentXPdu { Type = AgentXPduType.Close, SessionId = _session, PacketId = ++_packetId, Reason = reason }, _tx);
            _socket.Send(_tx.AsSpan(0, n), SocketFlags.None, out _);
        }
        if (counted) SessionResets++;
        bool wasReady = _phase == Phase.Ready;
        _socket?.Dispose();
        _socket = null;
        _phase = Phase.Disconnected;
        _phaseDeadline = MonoTime.Never;
        _rxLength = 0;
        _retryAt = now.AddNanoseconds(_backoffNs);
        if (wasReady || !_outageLogged)
        {
            _log.Warning("AgentX: {Why} ({Endpoint}); SNMP is unavailable until the master agent answers again, retrying with back-off up to {Max} s",
                why, _endpoint.Text, s_backoffMaxNs / 1_000_000_000);
            _outageLogged = true;
        }
        _backoffNs = Math.Min(_backoffNs * 2, s_backoffMaxNs);
    }

    private sealed class RowTrack
    {
        public long BecameMaster;
        public long Ttl, Version, Checksum, Vrid;
        public int ProtoErr;
        public MonoTime LastProtoTrap;
        public bool ProtoPending;
    }

    private int ProtoErrReason(InstanceCounters i) => _rows.TryGetValue(i.Host, out var t) ? t.ProtoErr : 0;

    // Runs every 200 ms, allocation-free once every instance has its row: notices new masters
    // and protocol errors by their counters (RFC 6527's vrrpv3StatisticsProtoErrReason:
    // ipTtlError(1), versionError(2), checksumError(3), vrIdError(4)) and notifies the master.
    private void Track(MonoTime now)
    {
        foreach (var h in _hosts())
        {
            if (!_rows.TryGetValue(h, out var t))
            {
                t = new RowTrack();
                _rows[h] = t;
            }
            var i = h.Instance;
            var ld = h.Link.Drops;
            long ttl = i.DropCount(Vrrp.Wire.DropReason.BadTtl);
            long version = i.DropCount(Vrrp.Wire.DropReason.VersionMismatch) + ld[(int)Vrrp.Wire.DropReason.BadVersion];
            long checksum = ld[(int)Vrrp.Wire.DropReason.BadChecksum];
            long vrid = ld[(int)Vrrp.Wire.DropReason.UnknownVrid] + ld[(int)Vrrp.Wire.DropReason.BadVrid];
            int reason = ttl > t.Ttl ? 1 : version > t.Version ? 2 : checksum > t.Checksum ? 3 : vrid > t.Vrid ? 4 : 0;
            (t.Ttl, t.Version, t.Checksum, t.Vrid) = (ttl, version, checksum, vrid);
            if (reason != 0)
            {
                t.ProtoErr = reason;
                t.ProtoPending = true;
            }
            if (!_traps || _phase != Phase.Ready) continue;
            if (i.BecameMaster > t.BecameMaster)
            {
                t.BecameMaster = i.BecameMaster;
                if (i.State == Vrrp.Protocol.VrrpState.Master) NotifyNewMaster(h, now);
            }
            if (t.ProtoPending && (t.LastProtoTrap == default || now.NanosecondsSince(t.LastProtoTrap) >= s_protoTrapNs))
            {
                t.ProtoPending = false;
                t.LastProtoTrap = now;
                NotifyProtoError(h, t.ProtoErr, now);
            }
        }
    }

    private void NotifyNewMaster(InstanceHost h, MonoTime now)
    {
        var row = OperationsSnapshot.Of(h);
        var master = new byte[row.Primary.Size];
        row.Primary.WriteTo(master);
        SendNotify(now, Vrrpv3Mib.NewMaster,
            new VarBind(Vrrpv3Mib.OperationsColumn(Vrrpv3Mib.MasterIpAddr, row), SnmpValue.Octets(master)),
            new VarBind(Vrrpv3Mib.StatisticsColumn(Vrrpv3Mib.NewMasterReason, row), SnmpValue.Integer(Vrrpv3Mib.NewMasterReasonOf(row))));
    }

    private void NotifyProtoError(InstanceHost h, int reason, MonoTime now)
    {
        var row = OperationsSnapshot.Of(h);
        SendNotify(now, Vrrpv3Mib.ProtoError, new VarBind(Vrrpv3Mib.StatisticsColumn(Vrrpv3Mib.ProtoErrReason, row), SnmpValue.Integer(reason)));
    }

    private void SendNotify(MonoTime now, Oid trap, params VarBind[] objects)
    {
        NotificationsSent++;
        Send(new AgentXPdu
        {
            Type = AgentXPduType.Notify, SessionId = _session, PacketId = ++_packetId,
            VarBinds = [new VarBind(Vrrpv3Mib.SysUpTime, SnmpValue.TimeTicks(UpTicks(now))), new VarBind(Vrrpv3Mib.SnmpTrapOid, SnmpValue.Object(trap)), .. objects],
        }, now);
    }

    public void Dispose()
    {
        if (_socket is not null && _phase == Phase.Ready)
        {
            int n = AgentXCodec.Encode(new AgentXPdu { Type = AgentXPduType.Close, SessionId = _session, PacketId = ++_packetId, Reason = AgentXCloseReason.Shutdown }, _tx);
            _socket.Send(_tx.AsSpan(0, n), SocketFlags.None, out _);
        }
        _socket?.Dispose();
        _socket = null;
    }
}
