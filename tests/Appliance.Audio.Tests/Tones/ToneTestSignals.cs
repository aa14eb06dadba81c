using Appliance.Audio.Tests.TestSignals;
using Appliance.Audio.Tones;

namespace Appliance.Audio.Tests.Tones;

/// <summary>Call-progress tone signals for the tone tests, and a frame-by-frame detection run.</summary>
internal static class ToneTestSignals
{
    public const double ComponentDbfs = -16;

    /// <summary><paramref name="leadMs"/> of silence, then the tone for <paramref name="toneMs"/>.</summary>
    public static short[] Tone(ToneSpec tone, int rate, int leadMs, int toneMs)
    {
        var signal = new short[(leadMs + toneMs) * rate / 1000];
        new ToneGenerator(tone, rate, ComponentDbfs).Fill(signal.AsSpan(leadMs * rate / 1000));
        return signal;
    }

    /// <summary>White noise <paramref name="snrDb"/> below the tone's power while it is on.</summary>
    public static short[] WithNoise(short[] signal, ToneSpec tone, double snrDb, int seed)
    {
        double componentRms = Math.Pow(10, ComponentDbfs / 20) / Math.Sqrt(2);
        double toneDbfs = 10 * Math.Log10(componentRms * componentRms * tone.Frequencies.Count);
        return Signals.Add(signal, Signals.WhiteNoise(signal.Length, toneDbfs - snrDb, seed));
    }

    /// <summary>Runs the detector over 20 ms frames; returns each newly detected tone with the time it was reported.</summary>
    public static List<(CallProgressTone Tone, int AtMs)> Detect(CallProgressToneDetector detector, short[] signal)
    {
        var found = new List<(CallProgressTone, int)>();
        int frame = AudioFormat.SamplesPerFrame(detector.SampleRate);
        for (int at = 0; at + frame <= signal.Length; at += frame)
        {
            var tone = detector.Process(signal.AsSpan(at, frame));
            if (tone != CallProgressTone.None)
            {
                found.Add((tone, (at + frame) * 1000 / detector.SampleRate));
            }
        }
        return found;
    }

    /// <summary>The tone a detector reports for <paramref name="tone"/>: the plan's first one that sounds the same.</summary>
    public static CallProgressTone ReportedAs(TonePlan plan, ToneSpec tone)
    {
        foreach (var candidate in plan.Tones)
        {
            if (candidate.Frequencies.SequenceEqual(tone.Frequencies) && candidate.Cadence.SequenceEqual(tone.Cadence))
            {
                return candidate.Kind;
            }
        }
        throw new InvalidOperationException("tone not in plan");
    }
}
