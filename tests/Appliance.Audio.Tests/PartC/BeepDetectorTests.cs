using Appliance.Audio.Detection;
using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.PartC;

public class BeepDetectorTests
{
    private const int Rate = 8000;

    [Theory]
    [InlineData(450, 0.3)]
    [InlineData(1000, 0.3)]
    [InlineData(1000, 0.02)]
    [InlineData(1400, 0.8)]
    [InlineData(1950, 0.3)]
    public void Tones_of_300_ms_or_more_in_range_are_beeps(double hz, double amplitude)
    {
        var (ends, detector) = Run(Tone(hz, amplitude, 0.3));
        Assert.Single(ends);
        Assert.Equal(hz, detector.LastToneHz, 1.5 + hz * 0.005);
        Assert.InRange(detector.LastToneDuration.TotalMilliseconds, 280, 320);
    }

    [Theory]
    [InlineData(1000, 0.24)] // too short
    [InlineData(300, 0.5)]   // too low
    [InlineData(2500, 0.5)]  // too high
    [InlineData(1000, 0.5, 0.003)] // too quiet (-50 dBFS)
    public void Short_quiet_or_out_of_range_tones_are_not(double hz, double seconds, double amplitude = 0.3)
    {
        var (ends, _) = Run(Tone(hz, amplitude, seconds));
        Assert.Empty(ends);
    }

    [Fact]
    public void Dual_tones_are_not_beeps()
    {
        // DTMF '5' (770 + 1336 Hz) and a US busy tone (480 + 620 Hz), 1 s each.
        short[] dtmf = Signals.Add(Signals.Sine(770, 0.2, Rate, Rate), Signals.Sine(1336, 0.2, Rate, Rate));
        short[] busy = Signals.Add(Signals.Sine(480, 0.2, Rate, Rate), Signals.Sine(620, 0.2, Rate, Rate));
        Assert.Empty(Run(Signals.Concat(Signals.Silence(800), dtmf, Signals.Silence(800), busy, Signals.Silence(800))).Ends);
    }

    [Fact]
    public void Speech_is_not_a_beep()
    {
        short[] speech = Signals.Concat(
            Speech.Synthesize("Hello, this is a long and steady aaaaah sound, and then more talking.", Rate, "en-us", pitch: 40),
            Speech.Synthesize("Please leave a message after the tone, thank you.", Rate, "en-us+f3"),
            Speech.Synthesize("Ooooooh noooo, sooooo loooong.", Rate, "en-gb", wordsPerMinute: 80));
        Assert.Empty(Run(speech).Ends);
    }

    [Fact]
    public void A_beep_in_noise_at_20_dB_is_found()
    {
        short[] tone = Tone(1000, 0.1, 0.5);
        short[] noisy = Signals.MixAtSnr(tone, Signals.WhiteNoise(tone.Length, -20, seed: 7), 20);
        Assert.Single(Run(noisy).Ends);
    }

    private static short[] Tone(double hz, double amplitude, double seconds) =>
        Signals.Concat(Signals.Silence(1234), Signals.Sine(hz, amplitude, Rate, (int)(seconds * Rate)), Signals.Silence(2000));

    private static (List<int> Ends, BeepDetector Detector) Run(short[] audio)
    {
        var detector = new BeepDetector(Rate);
        var ends = new List<int>();
        for (int f = 0; f + 160 <= audio.Length; f += 160)
        {
            if (detector.Process(audio.AsSpan(f, 160))) ends.Add(f);
        }
        return (ends, detector);
    }
}
