using System.Net;
using System.Net.Sockets;
using Appliance.Audio.Codecs;
using Appliance.Telephony.Rtp;
using Appliance.Telephony.Sdp;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Media;

/// <summary>
/// One 20 ms frame: G.711 encode, RTP header, UDP send to 127.0.0.1 (a bound socket that never reads,
/// so the kernel drops after its buffer fills; the send path is what is measured).
/// Baseline: the obvious version, a new packet array and an EndPoint-based SendTo per frame.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class RtpSendBenchmarks
{
    private readonly short[] _frame = new short[RtpClock.SamplesPerFrame];
    private Socket _sink = null!;
    private Socket _naiveSocket = null!;
    private IPEndPoint _sinkEndPoint = null!;
    private RtpMediaSession _session = null!;
    private ushort _naiveSeq;
    private uint _naiveTimestamp;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (short)(8000 * Math.Sin(i * 0.3));
        }

        _sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sinkEndPoint = (IPEndPoint)_sink.LocalEndPoint!;
        _naiveSocket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _session = RtpMediaSession.Open(IPAddress.Loopback, 42000, 42999, TimeProvider.System);
        _session.Start(new NegotiatedMedia(_sinkEndPoint, 0, "PCMU", 101, 20, MediaDirection.SendRecv));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _sink.Dispose();
        _naiveSocket.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void NaivePacketizeAndSend()
    {
        byte[] packet = new byte[12 + _frame.Length];
        packet[0] = 0x80;
        BitConverter.GetBytes(IPAddress.HostToNetworkOrder((short)_naiveSeq++)).CopyTo(packet, 2);
        BitConverter.GetBytes(IPAddress.HostToNetworkOrder((int)_naiveTimestamp)).CopyTo(packet, 4);
        _naiveTimestamp += 160;
        for (int i = 0; i < _frame.Length; i++)
        {
            packet[12 + i] = G711.EncodeMuLaw(_frame[i]);
        }

        _naiveSocket.SendTo(packet, _sinkEndPoint);
    }

    [Benchmark]
    public void SessionWriteFrame() => _session.WriteFrame(_frame);
}
