using Appliance.Audio.Dtmf;
using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.PartA;

public class DtmfTests
{
    private static string Detect(short[] signal, int rate = 8000)
    {
        var detector = new DtmfDetector(rate);
        Span<DtmfDigit> found = stackalloc DtmfDigit[4];
        var keys = new System.Text.StringBuilder();
        int frame = AudioFormat.SamplesPerFrame(rate);
        for (int at = 0; at + frame <= signal.Length; at += frame)
        {
            int n = detector.Process(signal.AsSpan(at, frame), found);
            for (int i = 0; i < n; i++)
            {
                keys.Append(found[i].Key);
            }
        }
        return keys.ToString();
    }

    private static short[] Generate(string keys, int toneMs, int pauseMs, double levelDbfs = -10, double twistDb = 0, int rate = 8000)
    {
        var generator = new DtmfGenerator(rate)
        {
            ToneDuration = TimeSpan.FromMilliseconds(toneMs),
            PauseDuration = TimeSpan.FromMilliseconds(pauseMs),
            LevelDbfs = levelDbfs,
            TwistDb = twistDb,
        };
        generator.Enqueue(keys);
        var signal = new short[rate / 10 + keys.Length * (toneMs + pauseMs) * rate / 1000 + rate / 10];
        generator.Fill(signal.AsSpan(rate / 10)); // 100 ms of leading silence
        Assert.False(generator.IsPlaying);
        return signal;
    }

    // Two tones with frequencies scaled by (1 + deviation), 60 ms, in 100 ms of silence on each side.
    private static short[] Pair(double low, double high, double deviation, int ms = 60)
    {
        int n = ms * 8;
        short[] tone = Signals.Add(
            Signals.Sine(low * (1 + deviation), 0.3, 8000, n),
            Signals.Sine(high * (1 + deviation), 0.3, 8000, n));
        return Signals.Concat(Signals.Silence(800), tone, Signals.Silence(800));
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void Every_key_is_decoded_from_tones_in_noise(int rate)
    {
        const string keys = "0123456789*#ABCD";
        short[] clean = Generate(keys, toneMs: 50, pauseMs: 50, rate: rate);
        short[] noisy = Signals.Add(clean, Signals.WhiteNoise(clean.Length, -32, seed: 11));
        Assert.Equal(keys, Detect(noisy, rate));
    }

    [Theory]
    [InlineData(40, "159")]
    [InlineData(45, "159")]
    [InlineData(23, "")]
    [InlineData(20, "")]
    public void Q24_timing_accepts_40_ms_and_rejects_23_ms(int toneMs, string expected) =>
        Assert.Equal(expected, Detect(Generate("159", toneMs, pauseMs: 60)));

    [Fact]
    public void A_10_ms_interruption_is_bridged_but_a_40_ms_pause_separates_keys()
    {
        short[] tone = Signals.Add(Signals.Sine(852, 0.3, 8000, 480), Signals.Sine(1477, 0.3, 8000, 480));
        short[] bridged = Signals.Concat(Signals.Silence(800), tone, Signals.Silence(80), tone, Signals.Silence(800));
        short[] separated = Signals.Concat(Signals.Silence(800), tone, Signals.Silence(320), tone, Signals.Silence(800));
        Assert.Equal("9", Detect(bridged));
        Assert.Equal("99", Detect(separated));
    }

    [Theory]
    [InlineData(-6, "5")]   // low group 6 dB louder: normal twist, accepted
    [InlineData(3, "5")]    // high group 3 dB louder: reverse twist, accepted
    [InlineData(-10, "")]   // normal twist beyond 8 dB
    [InlineData(6, "")]     // reverse twist beyond 4 dB
    public void Twist_limits_follow_Q24(double twistDb, string expected) =>
        Assert.Equal(expected, Detect(Generate("5", 60, 60, levelDbfs: -12, twistDb: twistDb)));

    [Theory]
    [InlineData(0.015, "8")]
    [InlineData(-0.015, "8")]
    [InlineData(0.035, "")]
    [InlineData(-0.035, "")]
    public void Frequency_tolerance_accepts_1_5_percent_and_rejects_3_5_percent(double deviation, string expected) =>
        Assert.Equal(expected, Detect(Pair(852, 1336, deviation)));

    [Fact]
    public void Tones_below_the_minimum_level_are_ignored()
    {
        Assert.Equal("", Detect(Generate("7", 60, 60, levelDbfs: -45)));
        Assert.Equal("7", Detect(Generate("7", 60, 60, levelDbfs: -30)));
    }

    [Fact]
    public void Nothing_is_decoded_from_espeak_speech()
    {
        foreach (string voice in new[] { "en-us", "en-gb", "en-us+f3" })
        {
            foreach (string sentence in Speech.Sentences)
            {
                short[] speech = Speech.Synthesize(sentence, 8000, voice);
                Assert.Equal("", Detect(speech));
            }
        }
    }

    [Fact]
    public void Keys_are_found_between_speech_and_timestamped()
    {
        short[] speech = Speech.Synthesize(Speech.Sentences[1]);
        short[] dtmf = Generate("42", 60, 60);
        var detector = new DtmfDetector();
        short[] signal = Signals.Concat(speech, dtmf);
        Span<DtmfDigit> found = stackalloc DtmfDigit[8];
        int count = 0;
        for (int at = 0; at + 160 <= signal.Length; at += 160)
        {
            count += detector.Process(signal.AsSpan(at, 160), found[count..]);
        }
        Assert.Equal(2, count);
        Assert.Equal('4', found[0].Key);
        double expectedStart = (speech.Length + 800) / 8000.0;
        Assert.InRange(found[0].Start.TotalSeconds, expectedStart - 0.015, expectedStart + 0.015);
    }

    [Fact]
    public void Steady_state_detection_allocates_nothing()
    {
        short[] signal = Generate("123", 60, 60);
        var detector = new DtmfDetector();
        var found = new DtmfDigit[2];
        detector.Process(signal.AsSpan(0, 160), found);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int at = 160; at + 160 <= signal.Length; at += 160)
        {
            detector.Process(signal.AsSpan(at, 160), found);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Generator_rejects_non_keys() =>
        Assert.Throws<ArgumentException>(() => new DtmfGenerator().Enqueue("12x"));
}
