using Appliance.Audio.Echo;
using Appliance.Audio.Tests.PartB.Signals;
using Appliance.Audio.Tests.TestSignals;
using Xunit.Abstractions;

namespace Appliance.Audio.Tests.PartB;

public class LineEchoCancellerTests(ITestOutputHelper output)
{
    private const int Rate = 8000;
    private const int Frame = 160;

    /// <summary>A line echo path: bulk delay, then 24 ms of decaying random taps; echo return loss ~10 dB.</summary>
    internal static float[] EchoPath(int delaySamples, int seed)
    {
        var rng = new Random(seed);
        var h = new float[delaySamples + 192];
        double energy = 0;
        for (int k = 0; k < 192; k++)
        {
            h[delaySamples + k] = (float)((rng.NextDouble() * 2 - 1) * Math.Exp(-k / 40.0));
            energy += h[delaySamples + k] * h[delaySamples + k];
        }
        float scale = (float)(Math.Sqrt(0.1 / energy));
        for (int k = 0; k < h.Length; k++) h[k] *= scale;
        return h;
    }

    internal static float[] Convolve(float[] x, float[] h)
    {
        var y = new float[x.Length];
        for (int n = 0; n < x.Length; n++)
        {
            double acc = 0;
            for (int k = 0; k < h.Length && k <= n; k++) acc += h[k] * x[n - k];
            y[n] = (float)acc;
        }
        return y;
    }

    internal static float[] FarEnd(int seconds)
    {
        var parts = new List<float>();
        int i = 0;
        while (parts.Count < seconds * Rate)
        {
            parts.AddRange(TestScene.ToFloat(Speech.Synthesize(Speech.Sentences[i++ % Speech.Sentences.Length], Rate, "en-gb")));
            parts.AddRange(new float[Rate / 5]);
        }
        return [.. parts.GetRange(0, seconds * Rate)];
    }

    /// <summary>ERLE (dB) over frames after <paramref name="fromSecond"/> where the echo is above -50 dBFS.</summary>
    internal static double Erle(float[] echo, short[] residual, double fromSecond, double toSecond = double.MaxValue)
    {
        double inPow = 0, outPow = 0;
        for (int f = (int)(fromSecond * 50); f < Math.Min(echo.Length / Frame, toSecond * 50); f++)
        {
            double a = 0, b = 0;
            for (int i = f * Frame; i < (f + 1) * Frame; i++)
            {
                a += echo[i] * echo[i];
                double r = residual[i] / 32768.0;
                b += r * r;
            }
            if (10 * Math.Log10(a / Frame + 1e-12) > -50)
            {
                inPow += a;
                outPow += b;
            }
        }
        return 10 * Math.Log10(inPow / Math.Max(outPow, 1e-12));
    }

    internal static short[] Run(LineEchoCanceller aec, short[] mic, short[] reference)
    {
        var residual = new short[mic.Length];
        for (int f = 0; f + Frame <= mic.Length; f += Frame)
        {
            aec.Process(mic.AsSpan(f, Frame), reference.AsSpan(f, Frame), residual.AsSpan(f, Frame));
        }
        return residual;
    }

    [Theory]
    [InlineData(40)]
    [InlineData(400)]
    [InlineData(800)]
    public void Erle_after_two_seconds_reaches_30dB_at_known_delays(int delaySamples)
    {
        float[] far = FarEnd(8);
        float[] echo = Convolve(far, EchoPath(delaySamples, seed: delaySamples));
        // Line noise at -75 dBFS.
        float[] noise = TestScene.White(echo.Length, 9);
        var mic = new float[echo.Length];
        for (int i = 0; i < mic.Length; i++) mic[i] = echo[i] + noise[i] * 0.000178f;
        var aec = new LineEchoCanceller(Rate, TimeSpan.FromMilliseconds(128));
        short[] residual = Run(aec, TestScene.ToPcm16(mic), TestScene.ToPcm16(far));
        double erle = Erle(echo, residual, 2.0);
        output.WriteLine($"delay {delaySamples / 8} ms: ERLE after 2 s {erle:F1} dB");
        Assert.True(erle >= 30, $"ERLE {erle:F1} dB");
    }

    [Fact]
    public void Double_talk_keeps_the_near_talker_and_the_converged_filter()
    {
        float[] far = FarEnd(10);
        float[] echo = Convolve(far, EchoPath(240, seed: 3));
        float[] near = new float[far.Length];
        float[] nearSpeech = TestScene.ToFloat(Speech.Synthesize(Speech.Sentences[3], Rate, "en-us"), 0.8f);
        // Near-end talks from 5 s, over the far end.
        Array.Copy(nearSpeech, 0, near, 5 * Rate, Math.Min(nearSpeech.Length, 5 * Rate));
        var mic = new float[far.Length];
        for (int i = 0; i < mic.Length; i++) mic[i] = echo[i] + near[i];
        var aec = new LineEchoCanceller(Rate, TimeSpan.FromMilliseconds(128));
        short[] residual = Run(aec, TestScene.ToPcm16(mic), TestScene.ToPcm16(far));

        // Near speech survives: residual minus near speech is small compared with the near speech.
        int from = 5 * Rate, to = 5 * Rate + nearSpeech.Length;
        double nearPow = 0, errPow = 0;
        for (int i = from; i < to && i < mic.Length; i++)
        {
            nearPow += near[i] * near[i];
            double d = residual[i] / 32768.0 - near[i];
            errPow += d * d;
        }
        double preserved = 10 * Math.Log10(nearPow / errPow);
        double erleAfter = Erle(echo, residual, (to / (double)Rate) + 0.5);
        output.WriteLine($"near-end to distortion {preserved:F1} dB, ERLE after double talk {erleAfter:F1} dB");
        Assert.True(preserved >= 15, $"near-end speech to distortion {preserved:F1} dB");
        // Measured 24.6 dB over the last 0.6 s (the filter is frozen through most of the double talk).
        Assert.True(erleAfter >= 20, $"ERLE after double talk {erleAfter:F1} dB");
    }

    [Fact]
    public void Invalid_setup_and_frames_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineEchoCanceller(Rate, TimeSpan.FromMilliseconds(300)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineEchoCanceller(44100, TimeSpan.FromMilliseconds(64)));
        var aec = new LineEchoCanceller(Rate, TimeSpan.FromMilliseconds(64));
        Assert.Throws<ArgumentException>(() => aec.Process(new short[100], new short[160], new short[160]));
    }
}
