using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.PartB.Signals;

/// <summary>
/// The acceptance test set of issue 5: espeak-ng sentences separated by pauses, a 5 dB white
/// noise or a 5 dB babble of five other espeak-ng voices, per-frame labels (clean speech above
/// -45 dBFS) and the metrics the targets are stated in.
/// </summary>
internal sealed class TestScene
{
    public const float ActiveLevelDb = -45f;

    private static readonly string[] Sentences =
    [
        "Hello, I would like to book a table for four people tomorrow evening.",
        "Could you tell me when the store opens on Sunday morning?",
        "My account number is seven three nine two, and I need a new card.",
        "Thanks a lot, that is all I needed for today.",
    ];

    private TestScene(int sampleRate, float[] clean, float[] noise)
    {
        SampleRate = sampleRate;
        Clean = clean;
        Noise = noise;
        Noisy = new float[clean.Length];
        for (int i = 0; i < clean.Length; i++)
        {
            Noisy[i] = clean[i] + noise[i];
        }
        FrameSamples = sampleRate / 50;
        Labels = new bool[clean.Length / FrameSamples];
        for (int f = 0; f < Labels.Length; f++)
        {
            Labels[f] = LevelDb(clean.AsSpan(f * FrameSamples, FrameSamples)) > ActiveLevelDb;
        }
    }

    public int SampleRate { get; }
    public int FrameSamples { get; }
    public float[] Clean { get; }
    public float[] Noise { get; }
    public float[] Noisy { get; }
    public bool[] Labels { get; }
    public int FrameCount => Labels.Length;

    public static TestScene Quiet(int sampleRate) => Build(sampleRate, NoiseKind.None, 0);

    public static TestScene WhiteNoise(int sampleRate, float snrDb = 5f) => Build(sampleRate, NoiseKind.White, snrDb);

    public static TestScene Babble(int sampleRate, float snrDb = 5f) => Build(sampleRate, NoiseKind.Babble, snrDb);

    /// <summary>Clean speech: 0.6 s lead, sentences with 0.9 s pauses, 0.6 s tail; peak at -3 dBFS.</summary>
    public static float[] CleanSpeech(int sampleRate, string voice = "en-us")
    {
        int gap = sampleRate * 9 / 10;
        var all = new List<float>();
        all.AddRange(new float[sampleRate * 6 / 10]);
        foreach (string s in Sentences)
        {
            all.AddRange(ToFloat(Speech.Synthesize(s, sampleRate, voice)));
            all.AddRange(new float[gap]);
        }
        float[] clean = [.. all];
        Normalize(clean, 0.7f);
        return clean;
    }

    public static short[] ToPcm16(ReadOnlySpan<float> x)
    {
        var pcm = new short[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            pcm[i] = (short)Math.Clamp(MathF.Round(x[i] * 32768f), short.MinValue, short.MaxValue);
        }
        return pcm;
    }

    public static float LevelDb(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x)
        {
            sum += v * v;
        }
        return (float)(10 * Math.Log10(sum / Math.Max(1, x.Length) + 1e-12));
    }

    /// <summary>Precision and recall of per-frame decisions against <see cref="Labels"/>.</summary>
    public (double Precision, double Recall) Score(ReadOnlySpan<bool> decisions)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int f = 0; f < Math.Min(decisions.Length, Labels.Length); f++)
        {
            if (decisions[f] && Labels[f]) tp++;
            else if (decisions[f]) fp++;
            else if (Labels[f]) fn++;
        }
        return (tp / (double)Math.Max(1, tp + fp), tp / (double)Math.Max(1, tp + fn));
    }

    private enum NoiseKind { None, White, Babble }

    private static TestScene Build(int sampleRate, NoiseKind kind, float snrDb)
    {
        float[] clean = CleanSpeech(sampleRate);
        float[] noise = kind switch
        {
            NoiseKind.White => White(clean.Length, seed: 5),
            NoiseKind.Babble => BabbleOf(clean.Length, sampleRate),
            _ => new float[clean.Length],
        };
        if (kind != NoiseKind.None)
        {
            // SNR against the active speech level (frames above -45 dBFS), as the targets are stated.
            double speechPower = ActivePower(clean, sampleRate / 50);
            double noisePower = Math.Pow(10, LevelDb(noise) / 10);
            float gain = (float)Math.Sqrt(speechPower / noisePower / Math.Pow(10, snrDb / 10));
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] *= gain;
            }
        }
        return new TestScene(sampleRate, clean, noise);
    }

    private static double ActivePower(float[] clean, int frame)
    {
        double sum = 0;
        int n = 0;
        for (int f = 0; f + frame <= clean.Length; f += frame)
        {
            var seg = clean.AsSpan(f, frame);
            if (LevelDb(seg) > ActiveLevelDb)
            {
                foreach (float v in seg) sum += v * v;
                n += frame;
            }
        }
        return sum / Math.Max(1, n);
    }

    /// <summary>Unit-variance white noise (Part A's generator, as floats).</summary>
    public static float[] White(int length, int seed) => ToFloat(TestSignals.Signals.WhiteNoise(length, -20, seed), 10f);

    /// <summary>Babble of five other espeak-ng voices (Part A's generator, as floats).</summary>
    private static float[] BabbleOf(int length, int sampleRate) => ToFloat(Speech.Babble(length, sampleRate));

    public static float[] ToFloat(ReadOnlySpan<short> pcm, float gain = 1f)
    {
        var x = new float[pcm.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = pcm[i] * gain / 32768f;
        }
        return x;
    }

    private static void Normalize(float[] x, float peak)
    {
        float max = 1e-9f;
        foreach (float v in x) max = MathF.Max(max, MathF.Abs(v));
        float g = peak / max;
        for (int i = 0; i < x.Length; i++) x[i] *= g;
    }
}
