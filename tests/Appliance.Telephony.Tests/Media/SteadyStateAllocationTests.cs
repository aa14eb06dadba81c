using System.Net;
using Appliance.Telephony.Rtp;
using Appliance.Telephony.Sdp;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Media;

/// <summary>
/// The per-frame paths run 50 times a second per call for hours: after warm-up they must not allocate.
/// Measured per thread, so other tests running in parallel do not disturb the count.
/// </summary>
public class SteadyStateAllocationTests
{
    private const int Frame = RtpClock.SamplesPerFrame;

    [Fact]
    public void Jitter_buffer_push_and_read_allocate_nothing()
    {
        var buffer = new JitterBuffer(new FakeTimeProvider());
        short[] pcm = new short[Frame];
        short[] output = new short[Frame];
        uint sent = 0;
        void Cycle()
        {
            uint index = sent++ ^ 1; // pairs swapped: reordering on every other packet
            buffer.Push((ushort)index, index * Frame, 7, pcm);
            buffer.Read(output);
        }

        for (int i = 0; i < 100; i++)
        {
            Cycle();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 70_000; i++) // crosses the 16-bit sequence wrap
        {
            Cycle();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, buffer.LostPackets);
    }

    [Fact]
    public async Task Session_write_and_read_allocate_nothing_on_the_callers_thread()
    {
        var time = new FakeTimeProvider();
        await using RtpMediaSession a = RtpMediaSession.Open(IPAddress.Loopback, 41000, 41999, time);
        await using RtpMediaSession b = RtpMediaSession.Open(IPAddress.Loopback, 41000, 41999, time);
        a.Start(new NegotiatedMedia(new IPEndPoint(IPAddress.Loopback, b.LocalPort), 8, "PCMA", 101, 20, MediaDirection.SendRecv));
        b.Start(new NegotiatedMedia(new IPEndPoint(IPAddress.Loopback, a.LocalPort), 8, "PCMA", 101, 20, MediaDirection.SendRecv));
        short[] frame = new short[Frame];
        Array.Fill(frame, (short)1200);
        short[] played = new short[Frame];
        int audio = 0;
        for (int i = 0; i < 50; i++)
        {
            a.WriteFrame(frame);
            await RtpMediaSessionTests.Eventually(() => b.GetStatistics().PacketsReceived == i + 1);
            audio += b.TryReadFrame(played) ? 1 : 0;
        }

        // The receive loop runs on pool threads; what is measured here is the caller's side.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            a.WriteFrame(frame);
            audio += b.TryReadFrame(played) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(audio > 50, $"{audio} frames played");
        Assert.Equal(2050, a.GetStatistics().PacketsSent);
    }
}
