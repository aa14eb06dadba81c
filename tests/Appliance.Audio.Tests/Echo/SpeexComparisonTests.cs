using Appliance.Audio.Echo;
using Xunit.Abstractions;
using static Appliance.Audio.Tests.Echo.EchoScene;

namespace Appliance.Audio.Tests.Echo;

/// <summary>
/// Our canceller against libspeexdsp's MDF (speex_echo_state_init(160, 1024), linear part only)
/// on the same far-end speech, echo paths and noise: the ERLE figures docs/audio.md reports.
/// </summary>
public class SpeexComparisonTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Tail = TimeSpan.FromMilliseconds(128);

    [Theory]
    [InlineData(20, 10)]
    [InlineData(40, 15)]
    [InlineData(60, 20)]
    public void Ours_cancels_more_echo_than_speex_after_two_seconds(double delayMs, double returnLossDb)
    {
        float[] far = FarEnd(8);
        float[] echo = Convolve(far, Path(delayMs, returnLossDb, seed: (int)delayMs));
        float[] noise = Noise(far.Length, seed: 9);
        float[] mic = Add(echo, noise);
        short[] ours = Run(new LineEchoCanceller(Rate, Tail), mic, far);
        short[] m = ToPcm(mic), r = ToPcm(far);
        var theirs = new short[m.Length];
        using (var speex = new SpeexEchoCanceller(Rate, Tail))
        {
            for (int f = 0; f + Frame <= m.Length; f += Frame)
            {
                speex.Process(m.AsSpan(f, Frame), r.AsSpan(f, Frame), theirs.AsSpan(f, Frame));
            }
        }
        double erleOurs = Erle(echo, noise, ours, 2.0), erleSpeex = Erle(echo, noise, theirs, 2.0);
        output.WriteLine($"delay {delayMs} ms, ERL {returnLossDb} dB: ERLE after 2 s ours {erleOurs:F1} dB, speex {erleSpeex:F1} dB");
        Assert.True(erleOurs >= erleSpeex + 3, $"ours {erleOurs:F1} dB, speex {erleSpeex:F1} dB");
    }
}
