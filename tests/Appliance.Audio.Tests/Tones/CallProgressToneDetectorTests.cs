using Appliance.Audio.Dtmf;
using Appliance.Audio.Tests.TestSignals;
using Appliance.Audio.Tones;
using static Appliance.Audio.Tests.Tones.ToneTestSignals;

namespace Appliance.Audio.Tests.Tones;

public class CallProgressToneDetectorTests
{
    public static TheoryData<string, CallProgressTone> EveryTone()
    {
        var data = new TheoryData<string, CallProgressTone>();
        foreach (var plan in TonePlan.All)
        {
            foreach (var tone in plan.Tones)
            {
                data.Add(plan.Country, tone.Kind);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTone))]
    public void Every_tone_of_every_plan_is_detected_at_10_dB_SNR_within_its_cadence_bounds(string country, CallProgressTone kind)
    {
        var plan = TonePlan.ForCountry(country)!;
        var tone = plan[kind];
        var options = new CallProgressToneDetectorOptions();
        int cycle = tone.IsContinuous ? (int)options.ContinuousMinimum.TotalMilliseconds : tone.CycleMs;
        const int lead = 110; // off the 20 ms frame grid, and shorter than any cadence gap
        var signal = WithNoise(Tone(tone, 8000, lead, (options.MinCycles + 1) * cycle + 500), tone, 10, seed: (int)kind * 31 + country[0]);

        var found = Detect(new CallProgressToneDetector(plan, 8000, options), signal);

        Assert.NotEmpty(found);
        Assert.Equal(ReportedAs(plan, tone), found[0].Tone);
        Assert.Single(found); // reported once, and nothing else on the way
        int after = found[0].AtMs - lead;
        if (tone.IsContinuous)
        {
            Assert.InRange(after, cycle, cycle + 100);
        }
        else
        {
            // Not before most of N cycles were heard, and never later than N + 1 cycles.
            Assert.InRange(after, options.MinCycles * cycle * 3 / 4, (options.MinCycles + 1) * cycle + 100);
        }
    }

    [Theory]
    [InlineData("US", CallProgressTone.Busy)]
    [InlineData("GB", CallProgressTone.Reorder)]
    [InlineData("AU", CallProgressTone.Dial)]
    [InlineData("EU", CallProgressTone.Ringback)]
    public void Tones_are_detected_at_16_kHz_too(string country, CallProgressTone kind)
    {
        var plan = TonePlan.ForCountry(country)!;
        var tone = plan[kind];
        int length = tone.IsContinuous ? 3000 : 3 * tone.CycleMs;
        var signal = WithNoise(Tone(tone, 16000, 170, length), tone, 10, seed: 5);

        var found = Detect(new CallProgressToneDetector(plan, 16000), signal);

        Assert.Equal([ReportedAs(plan, tone)], found.Select(f => f.Tone));
    }

    [Fact]
    public void The_detection_ends_when_the_tone_stops_and_a_new_tone_is_reported_again()
    {
        var plan = TonePlan.US;
        var busy = Tone(plan[CallProgressTone.Busy], 8000, 100, 3000);
        var signal = Signals.Concat(busy, new short[8000 * 2], busy);
        var detector = new CallProgressToneDetector(plan);
        int frame = 160;
        var states = new List<CallProgressTone>();
        for (int at = 0; at + frame <= signal.Length; at += frame)
        {
            detector.Process(signal.AsSpan(at, frame));
            states.Add(detector.Detected);
        }

        Assert.Equal(CallProgressTone.Busy, states[(3000 - 20) / 20]);
        Assert.Equal(CallProgressTone.None, states[(3100 + 1500) / 20]);
        Assert.Equal(2, Detect(new CallProgressToneDetector(plan), signal).Count);
    }

    [Theory]
    [InlineData(1000, 1000)] // busy frequencies, wrong cadence
    [InlineData(150, 150)]
    [InlineData(500, 2000)]
    public void The_right_frequencies_with_a_foreign_cadence_are_not_a_tone(int onMs, int offMs)
    {
        var impostor = new ToneSpec(CallProgressTone.Busy, [480, 620], [onMs, offMs]);
        var signal = Tone(impostor, 8000, 100, 8000);

        Assert.Empty(Detect(new CallProgressToneDetector(TonePlan.US), signal));
    }

    [Fact]
    public void A_tone_below_the_minimum_level_is_ignored()
    {
        var busy = TonePlan.DE[CallProgressTone.Busy];
        var signal = new short[4 * 8000];
        new ToneGenerator(busy, 8000, -60).Fill(signal);

        Assert.Empty(Detect(new CallProgressToneDetector(TonePlan.DE), signal));
    }

    [Fact]
    public void Speech_from_espeak_is_never_a_tone_in_any_plan()
    {
        var parts = new List<short[]>();
        for (int i = 0; i < Speech.Sentences.Length; i++)
        {
            parts.Add(Speech.Synthesize(Speech.Sentences[i], 8000, Speech.Voices[i % Speech.Voices.Length]));
            parts.Add(new short[8000 * (i % 3) / 4]); // pauses of 0, 250 and 500 ms, the length of busy gaps
        }
        var speech = Signals.Concat([.. parts]);

        foreach (var plan in TonePlan.All)
        {
            Assert.Empty(Detect(new CallProgressToneDetector(plan), speech));
            Assert.Empty(Detect(new CallProgressToneDetector(plan), Signals.Add(speech, Signals.WhiteNoise(speech.Length, -40, 3))));
        }
    }

    [Fact]
    public void Music_chords_in_a_busy_like_rhythm_are_not_a_tone()
    {
        // Triads with three harmonics per note, several holding 350, 425 or 440 Hz (F, D and A major,
        // a G# 415 Hz chord), played 500 ms on / 500 ms off like a busy tone, then held for 3 s.
        double[][] chords =
        [
            [349.23, 440.00, 523.25], [293.66, 369.99, 440.00], [440.00, 554.37, 659.26],
            [415.30, 523.25, 622.25], [261.63, 329.63, 392.00], [349.23, 440.00, 523.25],
        ];
        var parts = new List<short[]>();
        foreach (var chord in chords)
        {
            parts.Add(Chord(chord, 500));
            parts.Add(new short[4000]);
        }
        parts.Add(Chord(chords[0], 3000));
        var music = Signals.Concat([.. parts]);

        foreach (var plan in TonePlan.All)
        {
            Assert.Empty(Detect(new CallProgressToneDetector(plan), music));
        }
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(500, 500)]
    [InlineData(250, 250)]
    public void Dtmf_keys_are_not_a_tone(int toneMs, int pauseMs)
    {
        var generator = new DtmfGenerator(8000)
        {
            ToneDuration = TimeSpan.FromMilliseconds(toneMs),
            PauseDuration = TimeSpan.FromMilliseconds(pauseMs),
        };
        generator.Enqueue("1234567890*#ABCD");
        var signal = new short[16 * (toneMs + pauseMs) * 8];
        generator.Fill(signal);

        foreach (var plan in TonePlan.All)
        {
            Assert.Empty(Detect(new CallProgressToneDetector(plan), signal));
        }
    }

    [Fact]
    public void Processing_and_generating_allocate_nothing_per_frame()
    {
        var plan = TonePlan.UK;
        var generator = new ToneGenerator(plan[CallProgressTone.Reorder]);
        var detector = new CallProgressToneDetector(plan);
        var frame = new short[160];
        generator.Fill(frame);
        detector.Process(frame);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            generator.Fill(frame);
            detector.Process(frame);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(CallProgressTone.Reorder, detector.Detected);
    }

    [Fact]
    public void Bad_settings_are_refused_naming_the_field()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CallProgressToneDetector(TonePlan.US, 8000, new CallProgressToneDetectorOptions { MinPurity = 0 }));
        Assert.Equal("MinPurity", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CallProgressToneDetector(TonePlan.US, 11025));
        Assert.Throws<ArgumentException>(() => new ToneSpec(CallProgressTone.Busy, [480], [500]));
    }

    private static short[] Chord(double[] notes, int ms)
    {
        int n = ms * 8;
        var sum = new double[n];
        foreach (double f in notes)
        {
            for (int h = 1; h <= 3; h++)
            {
                for (int i = 0; i < n; i++)
                {
                    sum[i] += 3000.0 / h * Math.Sin(2 * Math.PI * f * h * i / 8000);
                }
            }
        }
        return Signals.ToPcm(sum, 1);
    }
}
