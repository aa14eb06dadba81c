using Appliance.Audio.Codecs;
using Appliance.Telephony.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Media;

/// <summary>Real captured RTP from sipp's bundled pcaps, fed through our parser, decoder and buffers.</summary>
public class SippPcapTests
{
    private const string SippDirectory = "/usr/share/sip-tester";

    [Fact]
    public void G711a_capture_decodes_to_speech_level_audio_without_loss()
    {
        List<PcapFile.UdpDatagram> datagrams = PcapFile.ReadUdp(Path.Combine(SippDirectory, "g711a.pcap"));
        Assert.True(datagrams.Count > 200);
        var time = new FakeTimeProvider();
        var buffer = new JitterBuffer(time);
        var stats = new RtpReceiveStatistics();
        short[] pcm = new short[JitterBuffer.MaxPacketSamples];
        short[] frame = new short[RtpClock.SamplesPerFrame];
        int packet = 0;
        int audioFrames = 0;
        int voicedFrames = 0;
        double sumSquares = 0;
        TimeSpan playout = datagrams[0].Time;
        // Replay on the capture's own clock: packets at their capture times, playout every 20 ms.
        while (packet < datagrams.Count || buffer.BufferedMs > 0)
        {
            if (packet < datagrams.Count && datagrams[packet].Time <= playout)
            {
                time.Advance(datagrams[packet].Time - (time.GetUtcNow() - time.Start));
                Assert.True(RtpHeader.TryParse(datagrams[packet].Payload, out RtpHeader header, out ReadOnlySpan<byte> payload));
                Assert.Equal(8, header.PayloadType);
                G711.DecodeALaw(payload, pcm);
                stats.Record(header, payload.Length, RtpClock.ToRtpUnits(datagrams[packet].Time));
                Assert.True(buffer.Push(header.SequenceNumber, header.Timestamp, header.Ssrc, pcm.AsSpan(0, payload.Length)));
                packet++;
                continue;
            }

            if (buffer.Read(frame) == JitterBufferResult.Audio)
            {
                audioFrames++;
                double energy = 0;
                foreach (short s in frame)
                {
                    energy += s * (double)s;
                }

                sumSquares += energy;
                voicedFrames += Math.Sqrt(energy / frame.Length) > 100 ? 1 : 0;
            }

            playout += TimeSpan.FromMilliseconds(20);
        }

        double rms = Math.Sqrt(sumSquares / (audioFrames * (double)frame.Length));
        Assert.Equal((0L, 0L, 0L), (stats.PacketsLost, buffer.LostPackets, buffer.LatePackets));
        Assert.Equal(datagrams.Count, stats.PacketsReceived);
        Assert.InRange(audioFrames * 20, datagrams.Count * 30 - 200, datagrams.Count * 30); // 30 ms packets, all played
        Assert.InRange(rms, 300, 15000);
        Assert.True(voicedFrames > audioFrames / 3, $"{voicedFrames} of {audioFrames} frames above -50 dBFS");
    }

    [Theory]
    [InlineData("0", '0')]
    [InlineData("1", '1')]
    [InlineData("5", '5')]
    [InlineData("9", '9')]
    [InlineData("star", '*')]
    [InlineData("pound", '#')]
    public void Dtmf_capture_yields_its_digit_once(string name, char digit)
    {
        var receiver = new DtmfReceiver();
        var digits = new List<char>();
        foreach (PcapFile.UdpDatagram datagram in PcapFile.ReadUdp(Path.Combine(SippDirectory, $"dtmf_2833_{name}.pcap")))
        {
            Assert.True(RtpHeader.TryParse(datagram.Payload, out RtpHeader header, out ReadOnlySpan<byte> payload));
            Assert.True(TelephoneEvent.TryParse(payload, out TelephoneEvent telephoneEvent));
            if (receiver.TryAccept(header.Timestamp, telephoneEvent, out DtmfEvent e))
            {
                digits.Add(e.Digit);
            }
        }

        Assert.Equal([digit], digits);
    }
}
