using Appliance.Audio.Mixing;
using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.PartA;

public class MixingTests
{
    private static readonly SoundLibrary Library = new(8000, seed: 1);

    /// <summary>Mixes <paramref name="frames"/> frames of <paramref name="speech"/> (looped; null for none).</summary>
    internal static short[] Render(CallAudioMixer mixer, short[]? speech, int frames)
    {
        var output = new short[frames * 160];
        for (int k = 0; k < frames; k++)
        {
            ReadOnlySpan<short> input = speech is null ? default : speech.AsSpan(k * 160 % (speech.Length - 159), 160);
            mixer.Mix(input, output.AsSpan(k * 160, 160));
        }
        return output;
    }

    [Fact]
    public void Sounds_are_deterministic_distinct_and_not_silent()
    {
        var again = new SoundLibrary(8000, seed: 1);
        var other = new SoundLibrary(8000, seed: 2);
        foreach (SoundId id in Enum.GetValues<SoundId>())
        {
            ReadOnlySpan<short> a = Library.Get(id).Span;
            Assert.True(a.SequenceEqual(again.Get(id).Span), $"{id} not deterministic");
            if (id != SoundId.HoldMusic) // the tune is fixed; only the noises are seeded
            {
                Assert.False(a.SequenceEqual(other.Get(id).Span), $"{id} ignores the seed");
            }
            Assert.InRange(Signals.RmsDbfs(a), -22, -10);
        }
        Assert.False(Library.Get(SoundId.Office).Span.SequenceEqual(Library.Get(SoundId.CallCenter).Span));
    }

    [Fact]
    public void Loops_are_seamless()
    {
        foreach (SoundId id in Enum.GetValues<SoundId>())
        {
            if (id == SoundId.Backchannel)
            {
                continue; // a one-shot cue, not a loop (BackchannelCueTests)
            }
            short[] loop = Library.Get(id).ToArray();
            // The step across the loop point must look like any other step: below the 99.9th percentile.
            var steps = new int[loop.Length - 1];
            for (int i = 1; i < loop.Length; i++)
            {
                steps[i - 1] = Math.Abs(loop[i] - loop[i - 1]);
            }
            Array.Sort(steps);
            int wrap = Math.Abs(loop[0] - loop[^1]);
            Assert.True(wrap <= steps[(int)(steps.Length * 0.999)], $"{id}: wrap step {wrap}");
            // and the level must not jump: last and first 100 ms within 6 dB (hold music: within its notes)
            double tail = Signals.RmsDbfs(loop.AsSpan(loop.Length - 800));
            double head = Signals.RmsDbfs(loop.AsSpan(0, 800));
            if (id is not (SoundId.KeyboardTyping or SoundId.KeyboardTyping2 or SoundId.HoldMusic))
            {
                Assert.InRange(head - tail, -6, 6);
            }
        }
    }

    [Fact]
    public void Ambient_level_scales_the_bed_linearly_and_is_clamped()
    {
        var mixer = new CallAudioMixer(Library) { ComfortNoiseDbfs = -200 };
        mixer.SetAmbient(SoundId.CoffeeShop);
        mixer.AmbientLevel = 0.05f;
        double low = Signals.RmsDbfs(Render(mixer, null, 400));
        var mixer2 = new CallAudioMixer(Library) { ComfortNoiseDbfs = -200 };
        mixer2.SetAmbient(SoundId.CoffeeShop);
        mixer2.AmbientLevel = 0.2f;
        double high = Signals.RmsDbfs(Render(mixer2, null, 400));
        Assert.InRange(high - low, 11.5, 12.5); // 4x = 12 dB
        mixer2.AmbientLevel = 3;
        Assert.Equal(0.25f, mixer2.AmbientLevel);
    }

    [Fact]
    public void Loud_speech_with_every_layer_never_clips()
    {
        short[] speech = Signals.ToPcm(Array.ConvertAll(Speech.Synthesize(Speech.Sentences[2]), s => (double)s), 3.0); // overdriven
        var mixer = new CallAudioMixer(Library) { AmbientLevel = 0.25f, ThinkingVolume = 1, IsThinking = true };
        mixer.SetAmbient(SoundId.CallCenter);
        mixer.SetThinkingClip(SoundId.KeyboardTyping2);
        short[] output = Render(mixer, speech, speech.Length / 160);
        foreach (short s in output)
        {
            Assert.InRange(s, -32766, 32766);
        }
    }

    [Fact]
    public void Quiet_speech_passes_unchanged_apart_from_comfort_noise()
    {
        short[] speech = Signals.Sine(500, 0.1, 8000, 1600);
        var mixer = new CallAudioMixer(Library) { ComfortNoiseDbfs = -200 };
        short[] output = Render(mixer, speech, 10);
        Assert.Equal(speech, output);

        var noisy = new CallAudioMixer(Library) { ComfortNoiseDbfs = -60 };
        double level = Signals.RmsDbfs(Render(noisy, null, 100));
        Assert.InRange(level, -62, -58);
    }

    [Fact]
    public void Thinking_and_hold_switch_their_layers()
    {
        var mixer = new CallAudioMixer(Library) { ComfortNoiseDbfs = -200 };
        mixer.SetThinkingClip(SoundId.KeyboardTyping);
        Assert.Equal(double.NegativeInfinity, Signals.RmsDbfs(Render(mixer, null, 50)));
        mixer.IsThinking = true;
        Assert.InRange(Signals.RmsDbfs(Render(mixer, null, 200)), -24, -16);
        mixer.IsOnHold = true;
        var silent = new CallAudioMixer(Library) { ComfortNoiseDbfs = -200, IsOnHold = true };
        short[] hold = Render(mixer, Signals.Sine(300, 0.5, 8000, 1600), 200);
        Assert.InRange(Signals.RmsDbfs(hold), -17, -11);
        Assert.Equal(Render(silent, null, 200), hold); // music only: speech and typing are muted
    }

    [Fact]
    public void Mixing_allocates_nothing_and_rejects_wrong_frame_sizes()
    {
        var mixer = new CallAudioMixer(Library) { AmbientLevel = 0.1f, IsThinking = true };
        mixer.SetAmbient(SoundId.Office);
        mixer.SetThinkingClip(SoundId.KeyboardTyping);
        var speech = new short[160];
        var output = new short[160];
        mixer.Mix(speech, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            mixer.Mix(speech, output);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Throws<ArgumentException>(() => mixer.Mix(new short[100], output));
    }

    [Theory]
    [InlineData("office", SoundId.Office)]
    [InlineData("call-center", SoundId.CallCenter)]
    [InlineData("Coffee Shop", SoundId.CoffeeShop)]
    [InlineData("KEYBOARD_TYPING2", SoundId.KeyboardTyping2)]
    public void Seed_names_map_to_sounds(string name, SoundId expected)
    {
        Assert.True(SoundIds.TryParse(name, out var id));
        Assert.Equal(expected, id);
        Assert.False(SoundIds.TryParse("jungle", out _));
    }
}
