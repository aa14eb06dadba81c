using Appliance.Telephony.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Media;

public class JitterBufferTests
{
    private const int Frame = RtpClock.SamplesPerFrame;
    private readonly FakeTimeProvider _time = new();
    private readonly short[] _out = new short[Frame];

    [Fact]
    public void Waits_for_the_target_depth_then_plays_in_order()
    {
        var buffer = new JitterBuffer(_time, minDelayMs: 40);
        Push(buffer, 0);
        Assert.Equal(JitterBufferResult.Empty, buffer.Read(_out));
        Push(buffer, 1);
        Assert.Equal([0, 1], ReadValues(buffer, 2));
        Assert.Equal(0, buffer.ConcealedFrames);
    }

    [Fact]
    public void Reorders_packets_and_drops_duplicates_and_late_ones()
    {
        var buffer = new JitterBuffer(_time, minDelayMs: 60);
        Push(buffer, 0);
        Push(buffer, 2);
        Push(buffer, 1);
        Assert.False(Push(buffer, 1));
        Assert.Equal([0, 1], ReadValues(buffer, 2));
        Assert.False(Push(buffer, 1));
        Push(buffer, 3);
        Assert.Equal([2, 3], ReadValues(buffer, 2));
        Assert.Equal((1, 1), (buffer.DuplicatePackets, buffer.LatePackets));
    }

    [Fact]
    public void A_packet_reordered_before_playout_starts_moves_the_start_back()
    {
        var buffer = new JitterBuffer(_time, minDelayMs: 40);
        Push(buffer, 6);
        Push(buffer, 5);
        Assert.Equal([5, 6], ReadValues(buffer, 2));
    }

    [Fact]
    public void Conceals_a_lost_packet_by_repeating_the_last_frame_then_fades_to_silence()
    {
        var buffer = new JitterBuffer(_time, minDelayMs: 40);
        Push(buffer, 0);
        Push(buffer, 1);
        Push(buffer, 8);
        Assert.Equal([0, 1], ReadValues(buffer, 2));
        var peaks = new List<int>();
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(JitterBufferResult.Concealed, buffer.Read(_out));
            peaks.Add(_out.Max(s => Math.Abs((int)s)));
        }

        Assert.Equal(1000 + 1, peaks[0]); // the first concealed sample repeats frame 1 at full level
        Assert.True(peaks.Zip(peaks.Skip(1)).All(p => p.Second < p.First || p.Second == 0), string.Join(",", peaks));
        Assert.Equal(0, peaks[5]);
        Assert.Equal([8], ReadValues(buffer, 1));
        Assert.Equal(6, buffer.LostPackets);
    }

    [Fact]
    public void Follows_the_sequence_number_across_the_16_bit_wrap()
    {
        var buffer = new JitterBuffer(_time, minDelayMs: 40);
        ushort[] order = [65534, 0, 65535, 1];
        foreach (ushort seq in order)
        {
            Push(buffer, seq, timestamp: unchecked((uint)(ushort)(seq + 2) * Frame));
        }

        Assert.Equal([65534 % 1000, 65535 % 1000, 0, 1], ReadValues(buffer, 4));
        Assert.Equal(0, buffer.LatePackets);
    }

    [Fact]
    public void A_new_ssrc_resets_the_buffer()
    {
        var buffer = new JitterBuffer(_time, minDelayMs: 40);
        Push(buffer, 10);
        Push(buffer, 11);
        Assert.Equal([10], ReadValues(buffer, 1));
        Push(buffer, 500, ssrc: 2);
        Push(buffer, 501, ssrc: 2);
        Assert.Equal(1, buffer.Resets);
        Assert.Equal([500, 501], ReadValues(buffer, 2));
    }

    [Fact]
    public void Plays_30_ms_packets_as_seamless_20_ms_frames()
    {
        var buffer = new JitterBuffer(_time, minDelayMs: 100);
        short[] packet = new short[240];
        for (ushort seq = 0; seq < 4; seq++)
        {
            for (int i = 0; i < packet.Length; i++)
            {
                packet[i] = (short)((seq * 240) + i);
            }

            Assert.True(buffer.Push(seq, seq * 240u, 1, packet));
            _time.Advance(TimeSpan.FromMilliseconds(30));
        }

        var played = new List<short>();
        for (int f = 0; f < 6; f++)
        {
            Assert.Equal(JitterBufferResult.Audio, buffer.Read(_out));
            played.AddRange(_out);
        }

        Assert.Equal(Enumerable.Range(0, 960).Select(i => (short)i), played);
    }

    [Fact]
    public void Underrun_conceals_without_skipping_so_a_late_packet_still_plays()
    {
        var buffer = new JitterBuffer(_time, minDelayMs: 40);
        Push(buffer, 0);
        Push(buffer, 1);
        Assert.Equal([0, 1], ReadValues(buffer, 2));
        Assert.Equal(JitterBufferResult.Concealed, buffer.Read(_out));
        Push(buffer, 2);
        Assert.Equal([2], ReadValues(buffer, 1));
        Assert.Equal(0, buffer.LostPackets);
    }

    [Fact]
    public void Target_depth_grows_with_measured_jitter_and_stays_low_without_it()
    {
        var steady = new JitterBuffer(_time, minDelayMs: 40);
        var jitteryClock = new FakeTimeProvider();
        var jittery = new JitterBuffer(jitteryClock, minDelayMs: 40);
        for (ushort seq = 0; seq < 60; seq++)
        {
            Push(steady, seq);
            // Odd packets arrive 15 ms late: |D| is 15 ms for every packet, so J converges to 15 ms.
            jitteryClock.Advance(TimeSpan.FromMilliseconds(seq % 2 == 0 ? 5 : 35));
            Assert.True(jittery.Push(seq, (uint)seq * Frame, 1, new short[Frame]));
        }

        Assert.Equal(40, steady.TargetDelayMs);
        Assert.InRange(steady.JitterMs, 0, 0.01);
        Assert.InRange(jittery.JitterMs, 14, 16);
        Assert.InRange(jittery.TargetDelayMs, 60, 70);
    }

    [Fact]
    public void Shrinks_back_towards_the_target_when_far_too_deep()
    {
        var buffer = new JitterBuffer(_time, minDelayMs: 40);
        for (ushort seq = 0; seq < 20; seq++)
        {
            Push(buffer, seq);
        }

        for (int i = 0; i < 20 && buffer.BufferedMs > 0; i++)
        {
            buffer.Read(_out);
        }

        Assert.True(buffer.SkippedFrames > 0);
        Assert.Equal(0, buffer.ConcealedFrames);
    }

    [Fact]
    public void Refuses_empty_and_oversized_packets()
    {
        var buffer = new JitterBuffer(_time);
        Assert.False(buffer.Push(1, 0, 1, []));
        Assert.False(buffer.Push(1, 0, 1, new short[JitterBuffer.MaxPacketSamples + 1]));
    }

    /// <summary>Pushes a 20 ms frame whose samples all hold 1000 + seq % 1000, at the stream's natural timestamp.</summary>
    private bool Push(JitterBuffer buffer, ushort seq, uint? timestamp = null, uint ssrc = 1)
    {
        short[] pcm = new short[Frame];
        Array.Fill(pcm, (short)(1000 + (seq % 1000)));
        bool accepted = buffer.Push(seq, timestamp ?? (uint)seq * Frame, ssrc, pcm);
        _time.Advance(TimeSpan.FromMilliseconds(RtpClock.FrameMs));
        return accepted;
    }

    private List<int> ReadValues(JitterBuffer buffer, int frames)
    {
        var values = new List<int>();
        for (int i = 0; i < frames; i++)
        {
            Assert.Equal(JitterBufferResult.Audio, buffer.Read(_out));
            Assert.All(_out, s => Assert.Equal(_out[0], s));
            values.Add(_out[0] - 1000);
        }

        return values;
    }
}
