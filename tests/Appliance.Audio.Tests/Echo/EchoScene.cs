using Appliance.Audio.Echo;
using Appliance.Audio.Tests.PartB.Signals;
using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.Echo;

/// <summary>
/// The echo test set: espeak-ng speech played by the box (far end) through a line echo path, plus
/// near-end noise and optionally near-end speech, and the metrics measured on the canceller's output.
/// Because the test knows the near-end signal exactly, the residual echo is (output - near end):
/// ERLE is echo power over residual-echo power, so it measures the canceller and not the noise floor.
/// </summary>
internal static class EchoScene
{
    public const int Rate = 8000;
    public const int Frame = 160;

    /// <summary>Near-end line noise, white, RMS in dBFS (a quiet analog line).</summary>
    public const double NoiseDbfs = -80;

    /// <summary>
    /// A hybrid-like echo path: bulk delay, then 16 ms of band-passed (300-3400 Hz), exponentially
    /// decaying random response (the dispersion of a measured line echo), with a weaker second
    /// reflection 10 ms later; scaled so white noise returns <paramref name="returnLossDb"/> below input.
    /// </summary>
    public static float[] Path(double delayMs, double returnLossDb, int seed)
    {
        var rng = new Random(seed);
        int delay = (int)(delayMs * Rate / 1000);
        const int Length = 128;
        var raw = new double[Length];
        for (int k = 0; k < Length; k++)
        {
            double reflection = k >= 80 ? 0.3 * Math.Exp(-(k - 80) / 12.0) : 0;
            raw[k] = (rng.NextDouble() * 2 - 1) * (Math.Exp(-k / 14.0) + reflection);
        }
        double[] shaped = BandPass(raw);
        double energy = 0;
        foreach (double v in shaped) energy += v * v;
        double scale = Math.Sqrt(Math.Pow(10, -returnLossDb / 10) / energy);
        var h = new float[delay + Length];
        for (int k = 0; k < Length; k++) h[delay + k] = (float)(shaped[k] * scale);
        return h;
    }

    /// <summary>Far-end speech of <paramref name="seconds"/>: espeak-ng sentences with 0.2 s gaps, peak -6 dBFS.</summary>
    public static float[] FarEnd(double seconds, string voice = "en-gb")
    {
        int length = (int)(seconds * Rate);
        var parts = new List<float>();
        int i = 0;
        while (parts.Count < length)
        {
            foreach (short s in Speech.Synthesize(Speech.Sentences[i++ % Speech.Sentences.Length], Rate, voice)) parts.Add(s / 32768f);
            parts.AddRange(new float[Rate / 5]);
        }
        float[] far = [.. parts.GetRange(0, length)];
        Normalize(far, 0.5f);
        return far;
    }

    /// <summary>One espeak-ng sentence in another voice, peak at <paramref name="peak"/>.</summary>
    public static float[] NearSpeech(int sentence, float peak, string voice = "en-us+f3")
    {
        short[] pcm = Speech.Synthesize(Speech.Sentences[sentence % Speech.Sentences.Length], Rate, voice);
        var x = new float[pcm.Length];
        for (int i = 0; i < x.Length; i++) x[i] = pcm[i] / 32768f;
        Normalize(x, peak);
        return x;
    }

    public static float[] Convolve(float[] x, float[] h)
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

    /// <summary>White noise at <paramref name="dbfs"/> (default <see cref="NoiseDbfs"/>).</summary>
    public static float[] Noise(int length, int seed, double dbfs = NoiseDbfs)
    {
        short[] pcm = Signals.WhiteNoise(length, dbfs, seed);
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = pcm[i] / 32768f;
        return x;
    }

    public static float[] Add(float[] a, float[] b)
    {
        var y = new float[a.Length];
        for (int i = 0; i < y.Length; i++) y[i] = a[i] + (i < b.Length ? b[i] : 0f);
        return y;
    }

    public static short[] ToPcm(float[] x) => TestScene.ToPcm16(x);

    /// <summary>Runs the canceller frame by frame over the whole signal.</summary>
    public static short[] Run(LineEchoCanceller aec, float[] mic, float[] far)
    {
        short[] m = ToPcm(mic), r = ToPcm(far);
        var output = new short[m.Length];
        for (int f = 0; f + Frame <= m.Length; f += Frame)
        {
            aec.Process(m.AsSpan(f, Frame), r.AsSpan(f, Frame), output.AsSpan(f, Frame));
        }
        return output;
    }

    /// <summary>
    /// ERLE (dB) over [from, to) seconds: echo power over residual-echo power (output - near end),
    /// counting frames whose echo is above -50 dBFS.
    /// </summary>
    public static double Erle(float[] echo, float[] near, short[] output, double from, double to = double.MaxValue)
    {
        double echoPower = 0, residualPower = 0;
        int last = (int)Math.Min(echo.Length / Frame, to * 50);
        for (int f = (int)(from * 50); f < last; f++)
        {
            double a = 0, b = 0;
            for (int i = f * Frame; i < (f + 1) * Frame; i++)
            {
                a += echo[i] * echo[i];
                double r = output[i] / 32768.0 - near[i];
                b += r * r;
            }
            if (10 * Math.Log10(a / Frame + 1e-12) > -50)
            {
                echoPower += a;
                residualPower += b;
            }
        }
        return 10 * Math.Log10(echoPower / Math.Max(residualPower, 1e-12));
    }

    /// <summary>Near-end speech to distortion (dB) over [from, to) samples: sum near^2 / sum (output - near)^2.</summary>
    public static double NearToDistortion(float[] near, short[] output, int from, int to)
    {
        double s = 0, d = 0;
        for (int i = from; i < to; i++)
        {
            s += near[i] * near[i];
            double e = output[i] / 32768.0 - near[i];
            d += e * e;
        }
        return 10 * Math.Log10(s / Math.Max(d, 1e-12));
    }

    // Band-pass 300-3400 Hz: a first-order high-pass then a first-order low-pass (RBJ-free, enough to colour it).
    private static double[] BandPass(double[] x)
    {
        double hp = Math.Exp(-2 * Math.PI * 300 / Rate), lp = Math.Exp(-2 * Math.PI * 3400 / Rate);
        var y = new double[x.Length];
        double prevX = 0, prevHp = 0, prevY = 0;
        for (int n = 0; n < x.Length; n++)
        {
            double h = hp * (prevHp + x[n] - prevX);
            prevX = x[n];
            prevHp = h;
            prevY = (1 - lp) * h + lp * prevY;
            y[n] = prevY;
        }
        return y;
    }

    private static void Normalize(float[] x, float peak)
    {
        float max = 1e-9f;
        foreach (float v in x) max = MathF.Max(max, MathF.Abs(v));
        float g = peak / max;
        for (int i = 0; i < x.Length; i++) x[i] *= g;
    }
}
