using Appliance.Audio.Tests.PartB.Signals;

namespace Appliance.Audio.Tests.Denoise;

/// <summary>
/// Runs a frame processor over a <see cref="TestScene"/> and measures it the way issue 5 states the
/// targets: segmental SNR over 20 ms segments where clean speech is above -45 dBFS, each clamped
/// to [-10, 35] dB, for the noisy input and the output (gain = difference); pause attenuation
/// (output vs input power in frames at least 3 frames from any active frame, after the first
/// 200 ms); speech level change (output vs clean power over the active frames).
/// </summary>
internal sealed record DenoiseScore(double NoisySegSnrDb, double OutputSegSnrDb, double PauseAttenuationDb, double SpeechLevelChangeDb)
{
    public double SegSnrGainDb => OutputSegSnrDb - NoisySegSnrDb;

    public delegate void FrameProcessor(Span<short> frame);

    public static DenoiseScore Measure(TestScene scene, FrameProcessor process, int latencySamples) =>
        Score(scene, Run(scene, process), latencySamples);

    /// <summary>
    /// For processors whose latency is not known exactly (resampling neural references): the lag in
    /// [0, <paramref name="maxLatencySamples"/>] where the output correlates best with the clean speech.
    /// </summary>
    public static (DenoiseScore Score, int LatencySamples) MeasureAligned(TestScene scene, FrameProcessor process, int maxLatencySamples)
    {
        short[] pcm = Run(scene, process);
        int best = 0;
        double bestCorrelation = double.MinValue;
        for (int lag = 0; lag <= maxLatencySamples; lag++)
        {
            double c = 0;
            for (int i = 0; i + lag < pcm.Length; i++)
            {
                c += scene.Clean[i] * (double)pcm[i + lag];
            }
            if (c > bestCorrelation)
            {
                bestCorrelation = c;
                best = lag;
            }
        }
        return (Score(scene, pcm, best), best);
    }

    private static short[] Run(TestScene scene, FrameProcessor process)
    {
        int n = scene.FrameSamples;
        short[] pcm = TestScene.ToPcm16(scene.Noisy);
        for (int f = 0; f + n <= pcm.Length; f += n)
        {
            process(pcm.AsSpan(f, n));
        }
        return pcm;
    }

    private static DenoiseScore Score(TestScene scene, short[] pcm, int latencySamples)
    {
        int n = scene.FrameSamples;
        var output = new float[pcm.Length];
        // Undo the processor's latency so output[i] lines up with clean[i].
        for (int i = 0; i + latencySamples < pcm.Length; i++)
        {
            output[i] = pcm[i + latencySamples] / 32768f;
        }
        int frames = scene.FrameCount - (latencySamples + n - 1) / n;
        return new DenoiseScore(
            SegSnr(scene.Clean, scene.Noisy, scene.Labels, n, frames),
            SegSnr(scene.Clean, output, scene.Labels, n, frames),
            PauseAttenuation(scene, output, frames),
            SpeechLevelChange(scene, output, frames));
    }

    public override string ToString() =>
        $"segSNR {NoisySegSnrDb:F2} -> {OutputSegSnrDb:F2} dB (gain {SegSnrGainDb:+0.00;-0.00} dB), pauses {PauseAttenuationDb:F1} dB, speech level {SpeechLevelChangeDb:+0.00;-0.00} dB";

    private static double SegSnr(float[] clean, float[] test, bool[] labels, int n, int frames)
    {
        double total = 0;
        int count = 0;
        for (int f = 0; f < frames; f++)
        {
            if (!labels[f]) continue;
            double signal = 0, error = 0;
            for (int i = f * n; i < (f + 1) * n; i++)
            {
                signal += clean[i] * (double)clean[i];
                double e = test[i] - (double)clean[i];
                error += e * e;
            }
            total += Math.Clamp(10 * Math.Log10(signal / (error + 1e-20)), -10, 35);
            count++;
        }
        return total / Math.Max(1, count);
    }

    private static double PauseAttenuation(TestScene scene, float[] output, int frames)
    {
        int n = scene.FrameSamples;
        double input = 0, result = 0;
        for (int f = 10; f < frames; f++)
        {
            if (NearSpeech(scene.Labels, f, 3)) continue;
            for (int i = f * n; i < (f + 1) * n; i++)
            {
                input += scene.Noisy[i] * (double)scene.Noisy[i];
                result += output[i] * (double)output[i];
            }
        }
        return 10 * Math.Log10((result + 1e-20) / (input + 1e-20));
    }

    private static double SpeechLevelChange(TestScene scene, float[] output, int frames)
    {
        int n = scene.FrameSamples;
        double clean = 0, result = 0;
        for (int f = 0; f < frames; f++)
        {
            if (!scene.Labels[f]) continue;
            for (int i = f * n; i < (f + 1) * n; i++)
            {
                clean += scene.Clean[i] * (double)scene.Clean[i];
                result += output[i] * (double)output[i];
            }
        }
        return 10 * Math.Log10((result + 1e-20) / (clean + 1e-20));
    }

    private static bool NearSpeech(bool[] labels, int frame, int distance)
    {
        for (int f = Math.Max(0, frame - distance); f <= Math.Min(labels.Length - 1, frame + distance); f++)
        {
            if (labels[f]) return true;
        }
        return false;
    }
}
