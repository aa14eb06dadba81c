using Appliance.Audio.Mixing;
using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.PartA;

public class BackchannelCueTests
{
    private const int Rate = 8000;
    private static readonly SoundLibrary Library = new(Rate, seed: 1);

    private static short[] PlayedCue()
    {
        var mixer = new CallAudioMixer(Library) { ComfortNoiseDbfs = -200 };
        Assert.True(mixer.PlayCue(SoundId.Backchannel));
        return MixingTests.Render(mixer, null, 50); // 1 s: the cue and the silence after it
    }

    [Fact]
    public void Cue_lasts_about_half_a_second_in_two_hums()
    {
        short[] output = PlayedCue();
        int first = Array.FindIndex(output, s => Math.Abs(s) > 30);
        int last = Array.FindLastIndex(output, s => Math.Abs(s) > 30);
        Assert.True(first >= 0, "the cue is silent");
        Assert.InRange((last - first) / (double)Rate, 0.4, 0.6);
        // "mm" and "hm": a quiet gap of at least 40 ms between two loud parts
        int quietRun = 0, longestQuiet = 0;
        for (int i = first; i + 80 <= last; i += 80)
        {
            quietRun = Signals.RmsDbfs(output.AsSpan(i, 80)) < -50 ? quietRun + 1 : 0;
            longestQuiet = Math.Max(longestQuiet, quietRun);
        }
        Assert.InRange(longestQuiet, 4, 10);
        Assert.InRange(Signals.RmsDbfs(output.AsSpan(first, last - first)), -23, -17);
    }

    [Fact]
    public void Cue_is_voiced_with_its_energy_below_1_kHz()
    {
        short[] cue = Library.Get(SoundId.Backchannel).ToArray();
        // Spectrum by direct DFT (the cue is short): share of energy under 1 kHz.
        int n = cue.Length;
        double low = 0, total = 0;
        for (int bin = 1; bin < n / 2; bin++)
        {
            double re = 0, im = 0, w = 2 * Math.PI * bin / n;
            for (int i = 0; i < n; i++)
            {
                re += cue[i] * Math.Cos(w * i);
                im -= cue[i] * Math.Sin(w * i);
            }
            double p = re * re + im * im;
            total += p;
            if (bin * (double)Rate / n < 1000)
            {
                low += p;
            }
        }
        Assert.True(low / total > 0.9, $"only {low / total:P0} of the energy is below 1 kHz");

        // Voiced: strongly periodic at a speaking pitch (100-150 Hz) inside the first hum.
        ReadOnlySpan<short> hum = cue.AsSpan(400, 800);
        double best = 0;
        for (int lag = Rate / 150; lag <= Rate / 100; lag++)
        {
            double xy = 0, xx = 0, yy = 0;
            for (int i = 0; i + lag < hum.Length; i++)
            {
                xy += hum[i] * (double)hum[i + lag];
                xx += hum[i] * (double)hum[i];
                yy += hum[i + lag] * (double)hum[i + lag];
            }
            best = Math.Max(best, xy / Math.Sqrt(xx * yy));
        }
        Assert.True(best > 0.8, $"pitch correlation {best:0.00}");
    }

    [Fact]
    public void Cue_plays_once_and_is_ignored_while_playing()
    {
        var mixer = new CallAudioMixer(Library) { ComfortNoiseDbfs = -200 };
        Assert.False(mixer.IsCuePlaying);
        Assert.True(mixer.PlayCue(SoundId.Backchannel));
        MixingTests.Render(mixer, null, 5);
        Assert.False(mixer.PlayCue(SoundId.Backchannel)); // mid-cue: ignored, the cue is not restarted
        short[] rest = MixingTests.Render(mixer, null, 45);
        short[] whole = PlayedCue();
        Assert.Equal(whole.AsSpan(5 * 160).ToArray(), rest);
        Assert.False(mixer.IsCuePlaying);
        Assert.Equal(double.NegativeInfinity, Signals.RmsDbfs(MixingTests.Render(mixer, null, 50))); // not looped
        Assert.True(mixer.PlayCue(SoundId.Backchannel)); // and can play again afterwards
    }

    [Fact]
    public void Cue_over_loud_speech_and_every_layer_never_clips()
    {
        short[] speech = Signals.ToPcm(Array.ConvertAll(Speech.Synthesize(Speech.Sentences[2]), s => (double)s), 3.0);
        var mixer = new CallAudioMixer(Library) { AmbientLevel = 0.25f, IsThinking = true };
        mixer.SetAmbient(SoundId.CallCenter);
        mixer.SetThinkingClip(SoundId.KeyboardTyping2);
        for (int k = 0; k + 160 <= speech.Length; k += 160 * 30)
        {
            mixer.PlayCue(SoundId.Backchannel);
            foreach (short s in MixingTests.Render(mixer, speech.AsSpan(k).ToArray(), 30))
            {
                Assert.InRange(s, -32766, 32766);
            }
        }
    }

    [Fact]
    public void Mixing_a_cue_allocates_nothing()
    {
        var mixer = new CallAudioMixer(Library) { AmbientLevel = 0.1f };
        mixer.SetAmbient(SoundId.Office);
        var speech = new short[160];
        var output = new short[160];
        mixer.Mix(speech, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            if (i % 40 == 0)
            {
                mixer.PlayCue(SoundId.Backchannel);
            }
            mixer.Mix(speech, output);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
