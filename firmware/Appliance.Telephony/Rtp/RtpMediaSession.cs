using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Appliance.Audio.Codecs;
using Appliance.Telephony.Sdp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Telephony.Rtp;

/// <summary>
/// One call's audio stream: a UDP socket pair (RTP on an even port, RTCP on the next), G.711 20 ms
/// packets out, an adaptive jitter buffer in, RFC 4733 DTMF both ways, RTCP reports every ~5 s,
/// symmetric RTP latching and per-call statistics. The caller paces <see cref="WriteFrame"/> and
/// <see cref="TryReadFrame"/> with its own 20 ms timer; neither blocks (sockets are non-blocking) and
/// the steady state allocates nothing: every buffer is created here, receives go through
/// <see cref="SocketAddress"/>-based overloads.
/// </summary>
public sealed partial class RtpMediaSession : IAsyncDisposable
{
    public const int MaxDatagram = 1500;
    private static readonly TimeSpan RtcpInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DtmfTick = TimeSpan.FromMilliseconds(RtpClock.FrameMs);

    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly JitterBuffer _jitter;
    private readonly RtpReceiveStatistics _received = new();
    private readonly DtmfReceiver _dtmfIn = new();
    private readonly DtmfSender _dtmfOut = new();
    private readonly SymmetricRtpLatch _rtpLatch;
    private readonly SymmetricRtpLatch _rtcpLatch;
    private readonly byte[] _audioPacket = new byte[RtpHeader.FixedSize + RtpClock.SamplesPerFrame];
    private readonly byte[] _dtmfPacket = new byte[RtpHeader.FixedSize + TelephoneEvent.Size];
    private readonly (char Digit, int DurationMs)[] _dtmfQueue = new (char, int)[32];
    private readonly CancellationTokenSource _stop = new();
    private readonly uint _ssrc;
    private readonly long _epoch;
    private NegotiatedMedia? _media;
    private ITimer? _dtmfTimer;
    private ITimer? _rtcpTimer;
    private Task? _rtpLoop;
    private Task? _rtcpLoop;
    private int _dtmfQueueHead;
    private int _dtmfQueueCount;
    private int _dtmfGapTicks;
    private ushort _sequence;
    private uint _timestamp;
    private bool _markerPending = true;
    private long _packetsSent;
    private long _bytesSent;
    private long _packetsSentAtLastReport;

    private RtpMediaSession(Socket rtp, Socket rtcp, TimeProvider time, ILogger logger)
    {
        _rtp = rtp;
        _rtcp = rtcp;
        _time = time;
        _logger = logger;
        _epoch = time.GetTimestamp();
        _jitter = new JitterBuffer(time);
        _rtpLatch = new SymmetricRtpLatch(time);
        _rtcpLatch = new SymmetricRtpLatch(time);
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        _ssrc = BitConverter.ToUInt32(random);
        _sequence = BitConverter.ToUInt16(random[4..]);
        _timestamp = BitConverter.ToUInt32(random[6..]);
        _cname = Encoding.ASCII.GetBytes($"{_ssrc:x8}@appliance");
        LocalPort = ((IPEndPoint)rtp.LocalEndPoint!).Port;
    }

    /// <summary>Raised on the receive thread, once per digit (RFC 4733 duplicates removed by timestamp).</summary>
    public event Action<DtmfEvent>? DtmfReceived;

    /// <summary>The RTP port (even); RTCP is on the next one.</summary>
    public int LocalPort { get; }

    public uint Ssrc => _ssrc;

    /// <summary>Binds an even RTP port and the next one for RTCP within [portMin, portMax].</summary>
    public static RtpMediaSession Open(IPAddress bindAddress, int portMin, int portMax, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(portMin, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(portMax, 65535);
        int firstEven = (portMin + 1) & ~1;
        int pairs = (portMax - firstEven + 1) / 2;
        if (pairs < 1)
        {
            throw new ArgumentException("the port range holds no even/odd port pair", nameof(portMax));
        }

        // Start at a random pair so concurrent calls and restarts do not fight over the first ports.
        int start = RandomNumberGenerator.GetInt32(pairs);
        for (int i = 0; i < pairs; i++)
        {
            int port = firstEven + (2 * ((start + i) % pairs));
            Socket? rtp = null;
            Socket? rtcp = null;
            try
            {
                rtp = Bind(bindAddress, port);
                rtcp = Bind(bindAddress, port + 1);
            }
            catch (SocketException)
            {
                rtp?.Dispose();
                rtcp?.Dispose();
                continue;
            }

            var session = new RtpMediaSession(rtp, rtcp, time, logger ?? NullLogger.Instance);
            RtpLog.Bound(session._logger, bindAddress, port);
            session.StartReceiving();
            return session;
        }

        throw new InvalidOperationException($"no free RTP port pair in {portMin}-{portMax}");
    }

    /// <summary>Starts sending and accepting media as negotiated.</summary>
    public void Start(NegotiatedMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        Apply(media, restart: true);
        _rtcpTimer ??= _time.CreateTimer(static s => ((RtpMediaSession)s!).SendRtcpReport(), this, RtcpInterval, RtcpInterval);
        RtpLog.Started(_logger, media.CodecName, media.PayloadType, media.Remote, media.Direction);
    }

    /// <summary>Applies a re-negotiation (re-INVITE/UPDATE, hold and unhold) without restarting our stream.</summary>
    public void Update(NegotiatedMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        Apply(media, restart: false);
    }

    /// <summary>Encodes one 20 ms frame (160 samples) with the negotiated G.711 law and sends it.</summary>
    public void WriteFrame(ReadOnlySpan<short> pcm)
    {
        if (pcm.Length != RtpClock.SamplesPerFrame)
        {
            throw new ArgumentException($"a frame is {RtpClock.SamplesPerFrame} samples", nameof(pcm));
        }

        NegotiatedMedia? media = Volatile.Read(ref _media);
        RtpHeader header;
        lock (_gate)
        {
            // The timestamp runs on while on hold or during a DTMF event, so the stream stays on time.
            uint timestamp = _timestamp;
            _timestamp += RtpClock.SamplesPerFrame;
            if (media is null || !media.ShouldSend || _dtmfOut.IsActive)
            {
                return;
            }

            header = new RtpHeader(_markerPending, (byte)media.PayloadType, _sequence++, timestamp, _ssrc);
            _markerPending = false;
        }

        Span<byte> packet = _audioPacket;
        int offset = header.WriteTo(packet);
        Span<byte> payload = packet.Slice(offset, RtpClock.SamplesPerFrame);
        if (media.IsALaw)
        {
            G711.EncodeALaw(pcm, payload);
        }
        else
        {
            G711.EncodeMuLaw(pcm, payload);
        }

        Send(_rtp, _rtpLatch, packet);
    }

    /// <summary>Queues a digit for RFC 4733 sending (paced by a 20 ms timer; returns at once).</summary>
    public void SendDtmf(char digit, int durationMs = 160)
    {
        if (!TelephoneEvent.TryGetEventCode(digit, out _))
        {
            throw new ArgumentException($"'{digit}' is not a DTMF digit", nameof(digit));
        }

        if (Volatile.Read(ref _media)?.TelephoneEventPayloadType is null)
        {
            RtpLog.NoTelephoneEvent(_logger, digit);
            return;
        }

        lock (_gate)
        {
            if (_dtmfQueueCount == _dtmfQueue.Length)
            {
                return; // a full queue means a runaway caller; dropping is safer than growing
            }

            _dtmfQueue[(_dtmfQueueHead + _dtmfQueueCount++) % _dtmfQueue.Length] = (digit, durationMs);
        }

        _dtmfTimer ??= _time.CreateTimer(static s => ((RtpMediaSession)s!).OnDtmfTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _dtmfTimer.Change(TimeSpan.Zero, DtmfTick);
    }

    /// <summary>The next decoded 20 ms frame from the jitter buffer (concealed if lost); false if nothing yet.</summary>
    public bool TryReadFrame(Span<short> pcm)
    {
        lock (_gate)
        {
            return _jitter.Read(pcm) != JitterBufferResult.Empty;
        }
    }

    public RtpStatistics GetStatistics()
    {
        lock (_gate)
        {
            long expected = _received.TotalPacketsExpected;
            long lost = Math.Max(0, _received.TotalPacketsLost);
            double lossPercent = expected > 0 ? 100.0 * lost / expected : 0;
            double? rtt = _roundTripMs;
            // Mouth-to-ear estimate: packetization + jitter buffer + half the measured round trip.
            double delay = RtpClock.FrameMs + _jitter.TargetDelayMs + ((rtt ?? 0) / 2);
            double r = EModel.RFactor(lossPercent, delay);
            return new RtpStatistics(_packetsSent, _bytesSent, _received.TotalPacketsReceived, _received.TotalBytesReceived, lost, lossPercent,
                _received.JitterMs, rtt, _jitter.LatePackets, _jitter.ConcealedFrames, _jitter.TargetDelayMs, r, EModel.Mos(r));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_dtmfTimer is not null)
        {
            await _dtmfTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_rtcpTimer is not null)
        {
            await _rtcpTimer.DisposeAsync().ConfigureAwait(false);
        }

        _rtp.Dispose();
        _rtcp.Dispose();
        await Task.WhenAll(_rtpLoop ?? Task.CompletedTask, _rtcpLoop ?? Task.CompletedTask).ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Apply(NegotiatedMedia media, bool restart)
    {
        NegotiatedMedia? previous = Volatile.Read(ref _media);
        bool remoteChanged = previous is null || !previous.Remote.Equals(media.Remote);
        lock (_gate)
        {
            if (restart || previous?.PayloadType != media.PayloadType || !media.Direction.CanReceive())
            {
                _jitter.Reset();
            }

            _markerPending = true;
        }

        if (restart || remoteChanged)
        {
            IPEndPoint? target = media.ShouldSend ? media.Remote : null;
            _rtpLatch.Reset(target);
            _rtcpLatch.Reset(target is null ? null : new IPEndPoint(target.Address, target.Port + 1));
        }

        Volatile.Write(ref _media, media);
    }

    private void Send(Socket socket, SymmetricRtpLatch latch, ReadOnlySpan<byte> packet)
    {
        SocketAddress? target = latch.Current;
        if (target is null)
        {
            return;
        }

        try
        {
            socket.SendTo(packet, SocketFlags.None, target);
            if (socket == _rtp)
            {
                Interlocked.Increment(ref _packetsSent);
                Interlocked.Add(ref _bytesSent, packet.Length - RtpHeader.FixedSize);
            }
        }
        catch (SocketException e)
        {
            // A full send buffer (WouldBlock) or an unreachable peer loses this packet, nothing more.
            RtpLog.SocketError(_logger, e.SocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while a timer tick was in flight.
        }
    }

    private static Socket Bind(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Blocking = false;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
