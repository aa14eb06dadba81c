using System.Globalization;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;

namespace Appliance.Telephony.Tests.Interop;

/// <summary>
/// baresip calls the appliance, which plays a WAV into the call; baresip records what it decodes and
/// the test compares that recording with the source (waveform correlation and level).
/// </summary>
[Collection("Interop")]
public sealed class BaresipInteropTests
{
    private const int Rate = 8000;

    [Fact]
    public async Task Baresip_records_what_the_appliance_plays()
    {
        var dir = PeerProcess.TempDirectory();
        try
        {
            var source = Signal(Rate * 2);
            var sourceWav = Path.Combine(dir, "appliance-plays.wav");
            WavFile.Write(sourceWav, source, Rate);
            var silence = Path.Combine(dir, "baresip-sends.wav");
            WavFile.Write(silence, new short[Rate * 8], Rate);
            await using var ua = SipUserAgent.Start(new SipUserAgentOptions
            {
                Transport = new SipTransportOptions { Port = 0 },
                RtpPortMin = 47_000,
                RtpPortMax = 47_999,
            }, TimeProvider.System);
            var played = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ua.IncomingCall += call =>
            {
                call.Established += c => _ = Task.Run(async () =>
                {
                    await PlayAsync(c, WavFile.Read(sourceWav).Samples);
                    await c.HangupAsync();
                    played.TrySetResult();
                });
                call.Accept();
            };
            await File.WriteAllTextAsync(Path.Combine(dir, "config"), Config(dir, silence));
            await File.WriteAllTextAsync(Path.Combine(dir, "accounts"), "<sip:baresip@127.0.0.1>;regint=0\n");
            await using var baresip = PeerProcess.Start("baresip", dir, "-f", dir, "-t", "5",
                "-e", "/dial sip:100@127.0.0.1:" + ua.UdpEndPoint.Port.ToString(CultureInfo.InvariantCulture));
            await played.Task.WaitAsync(TimeSpan.FromSeconds(15));
            await baresip.WaitAsync(TimeSpan.FromSeconds(15));
            var recording = Directory.GetFiles(dir, "*dec*.wav").FirstOrDefault();
            Assert.True(recording is not null, "baresip wrote no recording:\n" + baresip.Output);
            var (recorded, rate) = WavFile.Read(recording!);
            Assert.Equal(Rate, rate);
            var (correlation, levelRatio) = Compare(source, recorded);
            Assert.True(correlation > 0.9, $"correlation {correlation:F3}");
            Assert.InRange(levelRatio, 0.7, 1.4);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Config(string dir, string sourceWav) => $"""
        sip_listen 127.0.0.1:{PeerProcess.FreePort()}
        sip_transports udp
        net_interface 127.0.0.1
        audio_source aufile,{sourceWav}
        audio_player alsa,null
        audio_alert alsa,null
        rtp_ports 48000-48999
        module_path /usr/lib/baresip/modules
        module g711.so
        module aufile.so
        module alsa.so
        module sndfile.so
        module_app account.so
        module_app menu.so
        snd_path {dir}
        """;

    /// <summary>Writes 20 ms frames at the real-time pace, as the conversation layer will.</summary>
    private static async Task PlayAsync(SipCall call, short[] samples)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        for (var offset = 0; offset + 160 <= samples.Length; offset += 160)
        {
            await timer.WaitForNextTickAsync();
            var media = call.Media;
            if (media is null)
            {
                return;
            }
            media.WriteFrame(samples.AsSpan(offset, 160));
        }
    }

    /// <summary>Tones whose frequency and loudness change over time, so only the right alignment correlates.</summary>
    private static short[] Signal(int length)
    {
        var s = new short[length];
        for (var i = 0; i < length; i++)
        {
            var t = (double)i / Rate;
            var envelope = 0.4 + (0.6 * Math.Abs(Math.Sin(Math.PI * t * 1.3)));
            var freq = 300 + (400 * t);
            s[i] = (short)(9000 * envelope * Math.Sin(2 * Math.PI * freq * t));
        }
        return s;
    }

    /// <summary>Best normalised cross-correlation over delays up to 1.5 s, and the RMS ratio at that delay.</summary>
    private static (double Correlation, double LevelRatio) Compare(short[] source, short[] recorded)
    {
        var span = source.Length - 1600;
        var best = 0.0;
        var bestRatio = 0.0;
        for (var lag = 0; lag + span <= recorded.Length && lag < 12_000; lag += 1)
        {
            double xy = 0, xx = 0, yy = 0;
            for (var i = 800; i < 800 + span; i++)
            {
                double x = source[i], y = recorded[lag + i - 800];
                xy += x * y;
                xx += x * x;
                yy += y * y;
            }
            var c = xy / Math.Sqrt((xx * yy) + 1e-9);
            if (c > best)
            {
                best = c;
                bestRatio = Math.Sqrt(yy / xx);
            }
        }
        return (best, bestRatio);
    }
}
