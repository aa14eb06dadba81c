namespace Appliance.Audio.Tests.TestSignals;

/// <summary>Generated test signals and the measurements tests make on them. Deterministic (seeded).</summary>
public static class Signals
{
    /// <summary>A sine of <paramref name="amplitude"/> (0..1 of full scale).</summary>
    public static short[] Sine(double frequency, double amplitude, int sampleRate, int samples, double phase = 0)
    {
        var result = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            result[i] = amplitude * 32767 * Math.Sin(2 * Math.PI * frequency * i / sampleRate + phase);
        }
        return ToPcm(result, 1);
    }

    /// <summary>Gaussian white noise with the given RMS level in dBFS (0 dBFS = full-scale sine RMS reference 32767).</summary>
    public static short[] WhiteNoise(int samples, double rmsDbfs, int seed)
    {
        var rng = new Random(seed);
        double sigma = 32767 * Math.Pow(10, rmsDbfs / 20);
        var result = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            // Box-Muller
            double u1 = 1.0 - rng.NextDouble();
            double u2 = rng.NextDouble();
            result[i] = sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return ToPcm(result, 1);
    }

    /// <summary>
    /// clean + noise scaled so that the power ratio clean/noise equals <paramref name="snrDb"/>
    /// (power measured over the whole clean signal). The noise is looped if shorter.
    /// </summary>
    public static short[] MixAtSnr(ReadOnlySpan<short> clean, ReadOnlySpan<short> noise, double snrDb)
    {
        double cleanPower = Power(clean);
        double noisePower = Power(noise);
        double gain = noisePower == 0 ? 0 : Math.Sqrt(cleanPower / noisePower / Math.Pow(10, snrDb / 10));
        var sum = new double[clean.Length];
        for (int i = 0; i < clean.Length; i++)
        {
            sum[i] = clean[i] + gain * noise[i % noise.Length];
        }
        return ToPcm(sum, 1);
    }

    /// <summary>Sum of the signals sample by sample (the longest sets the length).</summary>
    public static short[] Add(params short[][] signals)
    {
        int length = 0;
        foreach (var s in signals)
        {
            length = Math.Max(length, s.Length);
        }
        var sum = new double[length];
        foreach (var s in signals)
        {
            for (int i = 0; i < s.Length; i++)
            {
                sum[i] += s[i];
            }
        }
        return ToPcm(sum, 1);
    }

    /// <summary>Silence of the given length.</summary>
    public static short[] Silence(int samples) => new short[samples];

    /// <summary>Concatenation.</summary>
    public static short[] Concat(params short[][] parts)
    {
        int length = 0;
        foreach (var p in parts)
        {
            length += p.Length;
        }
        var result = new short[length];
        int at = 0;
        foreach (var p in parts)
        {
            p.CopyTo(result, at);
            at += p.Length;
        }
        return result;
    }

    /// <summary>Mean square of the samples.</summary>
    public static double Power(ReadOnlySpan<short> x)
    {
        if (x.IsEmpty)
        {
            return 0;
        }
        double sum = 0;
        foreach (short s in x)
        {
            sum += (double)s * s;
        }
        return sum / x.Length;
    }

    /// <summary>RMS level in dBFS relative to 32767 (silence gives -inf).</summary>
    public static double RmsDbfs(ReadOnlySpan<short> x) => 10 * Math.Log10(Power(x) / (32767.0 * 32767.0));

    /// <summary>Scales and rounds to 16-bit with saturation.</summary>
    public static short[] ToPcm(ReadOnlySpan<double> x, double gain)
    {
        var result = new short[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = (short)Math.Clamp(Math.Round(x[i] * gain), short.MinValue, short.MaxValue);
        }
        return result;
    }

    /// <summary>Amplitude of <paramref name="frequency"/> in <paramref name="x"/> (single-bin DFT, normalised so a sine of amplitude A gives A).</summary>
    public static double ToneAmplitude(ReadOnlySpan<short> x, double frequency, int sampleRate)
    {
        double re = 0, im = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double w = 2 * Math.PI * frequency * i / sampleRate;
            re += x[i] * Math.Cos(w);
            im -= x[i] * Math.Sin(w);
        }
        return 2 * Math.Sqrt(re * re + im * im) / x.Length;
    }
}
