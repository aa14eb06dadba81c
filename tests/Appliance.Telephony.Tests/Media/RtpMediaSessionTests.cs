using System.Net;
using Appliance.Telephony.Rtp;
using Appliance.Telephony.Sdp;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Media;

/// <summary>Two real sessions on 127.0.0.1; the media clock is fake, the sockets are real.</summary>
public sealed class RtpMediaSessionTests : IAsyncLifetime
{
    private const int Frame = RtpClock.SamplesPerFrame;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private RtpMediaSession _a = null!;
    private RtpMediaSession _b = null!;

    public Task InitializeAsync()
    {
        _a = RtpMediaSession.Open(IPAddress.Loopback, 40000, 40999, _time);
        _b = RtpMediaSession.Open(IPAddress.Loopback, 40000, 40999, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public void Binds_an_even_rtp_port_inside_the_range()
    {
        Assert.InRange(_a.LocalPort, 40000, 40998);
        Assert.Equal(0, _a.LocalPort % 2);
        Assert.NotEqual(_a.LocalPort, _b.LocalPort);
    }

    [Theory]
    [InlineData(NegotiatedMedia.PcmuPayloadType, "PCMU")]
    [InlineData(NegotiatedMedia.PcmaPayloadType, "PCMA")]
    public async Task Audio_crosses_through_g711_and_the_jitter_buffer_intact(int payloadType, string codec)
    {
        _a.Start(Media(_b.LocalPort, payloadType, codec));
        _b.Start(Media(_a.LocalPort, payloadType, codec));
        short[] source = Sine(100 * Frame, 440, 8000);
        var played = new List<short>();
        short[] frame = new short[Frame];
        for (int i = 0; i < 100; i++)
        {
            _a.WriteFrame(source.AsSpan(i * Frame, Frame));
            await Eventually(() => _b.GetStatistics().PacketsReceived == i + 1);
            _time.Advance(TimeSpan.FromMilliseconds(20));
            if (_b.TryReadFrame(frame))
            {
                played.AddRange(frame);
            }
        }

        RtpStatistics stats = _b.GetStatistics();
        Assert.Equal((100L, 0L, 0L), (stats.PacketsReceived, stats.PacketsLost, stats.ConcealedFrames));
        Assert.Equal(100 * Frame, stats.BytesReceived);
        Assert.InRange(played.Count, 90 * Frame, 99 * Frame);
        Assert.True(Correlation(source.AsSpan(0, played.Count), played.ToArray()) > 0.999);
        Assert.InRange(stats.Mos, 4.3, 4.5);
        Assert.Equal(100, _a.GetStatistics().PacketsSent);
    }

    [Fact]
    public async Task Dtmf_digits_arrive_once_each_in_order()
    {
        _a.Start(Media(_b.LocalPort));
        _b.Start(Media(_a.LocalPort));
        var digits = new List<char>();
        _b.DtmfReceived += e => { lock (digits) { digits.Add(e.Digit); } };
        _a.SendDtmf('1');
        _a.SendDtmf('#', 100);
        _a.SendDtmf('9', 60);
        for (int tick = 0; tick < 40; tick++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Yield();
        }

        await Eventually(() => { lock (digits) { return digits.Count == 3; } });
        // 1: 8 packets + 2 more end copies; #: 5 + 2; 9: 3 + 2.
        await Eventually(() => _b.GetStatistics().PacketsReceived == 22);
        Assert.Equal(['1', '#', '9'], digits);
    }

    [Fact]
    public async Task Loss_and_reordering_on_the_path_are_counted_and_concealed()
    {
        // Every 10th packet dropped; packets 5, 25, 45 ... swapped with their successor.
        await using var relay = new UdpRelay(new IPEndPoint(IPAddress.Loopback, _a.LocalPort), new IPEndPoint(IPAddress.Loopback, _b.LocalPort),
            i => i % 10 == 9 ? UdpRelay.RelayAction.Drop : i % 20 == 5 ? UdpRelay.RelayAction.HoldUntilNext : UdpRelay.RelayAction.Forward);
        _a.Start(Media(relay.EndPoint.Port));
        // B was told a wrong address; symmetric RTP must answer to the relay it hears from.
        _b.Start(Media(9));
        short[] frame = new short[Frame];
        Array.Fill(frame, (short)3000);
        int audioFrames = 0;
        for (int i = 0; i < 100; i++)
        {
            _a.WriteFrame(frame);
            await Eventually(() => relay.PacketsFromA == i + 1 && _b.GetStatistics().PacketsReceived == relay.ForwardedToB);
            _time.Advance(TimeSpan.FromMilliseconds(20));
            audioFrames += _b.TryReadFrame(frame) ? 1 : 0;
            _b.WriteFrame(frame);
        }

        RtpStatistics stats = _b.GetStatistics();
        Assert.Equal(90, stats.PacketsReceived);
        // The last drop (packet 99) is not loss yet: nothing after it arrived (RFC 3550 counts to the highest seen).
        Assert.Equal(9, stats.PacketsLost);
        Assert.Equal(100.0 * 9 / 99, stats.LossPercent, 3);
        Assert.Equal(0, stats.LatePackets);
        Assert.InRange(stats.ConcealedFrames, 9, 12);
        Assert.InRange(stats.Mos, 1.3, 1.7); // G.107 with Bpl 4.3: 9 % random loss gives R near 27
        await Eventually(() => _a.GetStatistics().PacketsReceived > 90);
        Assert.True(relay.ForwardedToA > 90);
    }

    [Fact]
    public async Task Rtcp_reports_give_a_round_trip_estimate()
    {
        _a.Start(Media(_b.LocalPort));
        _b.Start(Media(_a.LocalPort));
        short[] frame = new short[Frame];
        for (int period = 0; period < 3; period++)
        {
            _a.WriteFrame(frame);
            _b.WriteFrame(frame);
            await Eventually(() => _a.GetStatistics().PacketsReceived == period + 1 && _b.GetStatistics().PacketsReceived == period + 1);
            _time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(50);
        }

        await Eventually(() => _a.GetStatistics().RoundTripMs is not null);
        Assert.InRange(_a.GetStatistics().RoundTripMs!.Value, 0, 1);
    }

    [Fact]
    public async Task Hold_stops_sending_and_unhold_resumes()
    {
        _a.Start(Media(_b.LocalPort));
        _b.Start(Media(_a.LocalPort));
        short[] frame = new short[Frame];
        _a.WriteFrame(frame);
        _a.Update(Media(_b.LocalPort) with { Direction = MediaDirection.RecvOnly });
        _a.WriteFrame(frame);
        _a.Update(Media(_b.LocalPort));
        _a.WriteFrame(frame);
        await Eventually(() => _b.GetStatistics().PacketsReceived == 2);
        Assert.Equal(2, _a.GetStatistics().PacketsSent);
    }

    private static NegotiatedMedia Media(int remotePort, int payloadType = 0, string codec = "PCMU") =>
        new(new IPEndPoint(IPAddress.Loopback, remotePort), payloadType, codec, 101, 20, MediaDirection.SendRecv);

    internal static short[] Sine(int samples, double hz, double amplitude)
    {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++)
        {
            pcm[i] = (short)(amplitude * Math.Sin(2 * Math.PI * hz * i / RtpClock.SampleRate));
        }

        return pcm;
    }

    private static double Correlation(ReadOnlySpan<short> x, ReadOnlySpan<short> y)
    {
        double xy = 0, xx = 0, yy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            xy += x[i] * (double)y[i];
            xx += x[i] * (double)x[i];
            yy += y[i] * (double)y[i];
        }

        return xy / Math.Sqrt(xx * yy);
    }

    /// <summary>Waits (real time, bounded) for datagrams on loopback to be delivered and processed.</summary>
    internal static async Task Eventually(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 5 s");
            await Task.Delay(1);
        }
    }
}
