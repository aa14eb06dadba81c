using Appliance.Audio.Speed;
using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.PartA;

public class WsolaTimeStretcherTests
{
    private static short[] Stretch(short[] input, double speed, int rate = 8000)
    {
        var stretcher = new WsolaTimeStretcher(rate) { Speed = speed };
        var output = new List<short>();
        var frame = new short[AudioFormat.SamplesPerFrame(rate) * 4];
        int frameLength = AudioFormat.SamplesPerFrame(rate);
        for (int at = 0; at < input.Length; at += frameLength)
        {
            Assert.Equal(Math.Min(frameLength, input.Length - at), stretcher.Write(input.AsSpan(at, Math.Min(frameLength, input.Length - at))));
            int n;
            while ((n = stretcher.Read(frame)) > 0)
            {
                output.AddRange(frame.AsSpan(0, n));
            }
        }
        return [.. output];
    }

    // Median F0 over voiced 40 ms windows, by normalised autocorrelation in 70..400 Hz.
    private static double MedianPitch(short[] x, int rate)
    {
        int window = rate / 25;
        var pitches = new List<double>();
        for (int at = 0; at + window + rate / 70 < x.Length; at += window / 2)
        {
            ReadOnlySpan<short> w = x.AsSpan(at, window);
            if (Signals.RmsDbfs(w) < -30)
            {
                continue;
            }
            double best = 0;
            int bestLag = 0;
            for (int lag = rate / 400; lag <= rate / 70; lag++)
            {
                double dot = 0, e1 = 0, e2 = 0;
                for (int i = 0; i < window; i++)
                {
                    dot += (double)x[at + i] * x[at + i + lag];
                    e1 += (double)x[at + i] * x[at + i];
                    e2 += (double)x[at + i + lag] * x[at + i + lag];
                }
                double r = dot / Math.Sqrt(e1 * e2 + 1);
                if (r > best)
                {
                    best = r;
                    bestLag = lag;
                }
            }
            if (best > 0.7)
            {
                pitches.Add((double)rate / bestLag);
            }
        }
        pitches.Sort();
        Assert.True(pitches.Count > 10, $"only {pitches.Count} voiced windows");
        return pitches[pitches.Count / 2];
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.75)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(2.0)]
    public void Speech_duration_scales_by_one_over_speed_and_pitch_is_kept(double speed)
    {
        short[] speech = Signals.Concat(Speech.Synthesize(Speech.Sentences[0]), Speech.Synthesize(Speech.Sentences[3]));
        short[] output = Stretch(speech, speed);
        double ratio = (double)output.Length / speech.Length;
        Assert.InRange(ratio * speed, 0.97, 1.03);
        double before = MedianPitch(speech, 8000);
        double after = MedianPitch(output, 8000);
        Assert.InRange(after / before, 0.95, 1.05);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void A_harmonic_tone_keeps_its_frequency_and_level(double speed)
    {
        // 200 Hz fundamental plus two harmonics, 16 kHz
        short[] tone = Signals.Add(Signals.Sine(200, 0.3, 16000, 32000), Signals.Sine(400, 0.15, 16000, 32000), Signals.Sine(600, 0.1, 16000, 32000));
        short[] output = Stretch(tone, speed, 16000);
        ReadOnlySpan<short> middle = output.AsSpan(output.Length / 4, 8000); // half a second, 100 whole cycles
        Assert.InRange(Signals.ToneAmplitude(middle, 200, 16000) / (0.3 * 32767), 0.9, 1.1);
        Assert.True(Signals.ToneAmplitude(middle, 250, 16000) < 0.02 * 0.3 * 32767);
    }

    [Fact]
    public void Speed_is_clamped_and_steady_state_allocates_nothing()
    {
        var stretcher = new WsolaTimeStretcher(8000) { Speed = 5 };
        Assert.Equal(2.0, stretcher.Speed);
        stretcher.Speed = double.NaN;
        Assert.Equal(1.0, stretcher.Speed);
        stretcher.Speed = 0.5;
        short[] input = Signals.WhiteNoise(160, -20, seed: 2);
        var output = new short[1024];
        stretcher.Write(input);
        stretcher.Read(output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            stretcher.Write(input);
            stretcher.Read(output);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Unread_output_makes_Write_take_less_instead_of_growing()
    {
        var stretcher = new WsolaTimeStretcher(8000) { Speed = 0.5 };
        short[] input = Signals.WhiteNoise(16000, -20, seed: 4);
        int taken = stretcher.Write(input);
        Assert.True(taken < input.Length);
        Assert.True(stretcher.Available <= 8192);
    }
}
