using Appliance.Audio.Resampling;
using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.PartA;

public class ResamplerTests
{
    // Runs a 1.5 s tone through the converter and returns the output's last second (whole cycles for integer Hz).
    private static short[] Convert(int inRate, int outRate, double frequency, double amplitude)
    {
        var resampler = new Resampler(inRate, outRate);
        short[] input = Signals.Sine(frequency, amplitude, inRate, inRate * 3 / 2);
        var output = new short[resampler.MaxOutputSamples(input.Length)];
        int n = resampler.Process(input, output);
        return output[(n - outRate)..n];
    }

    private static double Db(double ratio) => 20 * Math.Log10(ratio);

    [Theory]
    [InlineData(16000, 8000)]
    [InlineData(48000, 8000)]
    [InlineData(44100, 16000)]
    [InlineData(24000, 16000)]
    public void Tones_above_the_output_Nyquist_are_attenuated_at_least_80_dB(int inRate, int outRate)
    {
        double nyquist = outRate / 2.0;
        foreach (double f in new[] { nyquist, nyquist + 100, nyquist * 1.25, nyquist * 1.9, inRate / 2.0 - 100 })
        {
            short[] output = Convert(inRate, outRate, Math.Round(f), 0.5);
            // Anything left is an alias; measure all of it (RMS) against the input tone's RMS.
            double attenuation = Signals.RmsDbfs(output) - Db(0.5 / Math.Sqrt(2));
            Assert.True(attenuation <= -80, $"{inRate}->{outRate}, {f} Hz leaks at {attenuation:F1} dB");
        }
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(8000, 48000)]
    [InlineData(16000, 44100)]
    public void Images_of_pass_band_tones_are_attenuated_at_least_80_dB(int inRate, int outRate)
    {
        foreach (double f in new[] { 300.0, 1000, 2000, 3400, 3800 })
        {
            short[] output = Convert(inRate, outRate, f, 0.5);
            double image = Signals.ToneAmplitude(output, inRate - f, outRate) / (0.5 * 32767);
            Assert.True(Db(image) <= -80, $"{inRate}->{outRate}: image of {f} Hz at {Db(image):F1} dB");
        }
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(16000, 8000)]
    public void Pass_band_ripple_up_to_3400_Hz_is_below_0_05_dB(int inRate, int outRate)
    {
        double min = double.MaxValue, max = double.MinValue;
        for (double f = 100; f <= 3400; f += 100)
        {
            double gain = Db(Signals.ToneAmplitude(Convert(inRate, outRate, f, 0.5), f, outRate) / (0.5 * 32767));
            min = Math.Min(min, gain);
            max = Math.Max(max, gain);
        }
        Assert.True(max - min < 0.05, $"ripple {max - min:F4} dB");
        Assert.InRange(max, -0.05, 0.05);
    }

    [Fact]
    public void Every_rate_pair_converts_frames_exactly_and_keeps_a_1_kHz_tone()
    {
        foreach (int inRate in AudioFormat.SupportedRates)
        {
            foreach (int outRate in AudioFormat.SupportedRates)
            {
                var resampler = new Resampler(inRate, outRate);
                var inFrame = AudioFrame.CreateUnpooled(inRate);
                var outFrame = AudioFrame.CreateUnpooled(outRate);
                short[] tone = Signals.Sine(1000, 0.3, inRate, inRate);
                var collected = new short[outRate];
                for (int k = 0; k < AudioFormat.FramesPerSecond; k++)
                {
                    inFrame.CopyFrom(tone.AsSpan(k * inFrame.Length, inFrame.Length));
                    inFrame.Timestamp = TimeSpan.FromMilliseconds(20 * k);
                    resampler.Process(inFrame, outFrame);
                    Assert.Equal(inFrame.Timestamp, outFrame.Timestamp);
                    outFrame.ReadOnlySamples.CopyTo(collected.AsSpan(k * outFrame.Length));
                }
                // last half second: past the filter delay, 500 whole cycles
                double gain = Signals.ToneAmplitude(collected.AsSpan(outRate / 2), 1000, outRate) / (0.3 * 32767);
                Assert.True(Math.Abs(Db(gain)) < 0.05, $"{inRate}->{outRate}: gain {Db(gain):F3} dB");
            }
        }
    }

    [Fact]
    public void Odd_sized_calls_give_the_same_samples_as_one_call()
    {
        short[] input = Signals.WhiteNoise(44100, -12, seed: 3);
        var whole = new Resampler(44100, 16000);
        var expected = new short[whole.MaxOutputSamples(input.Length)];
        int n = whole.Process(input, expected);

        var pieces = new Resampler(44100, 16000);
        var actual = new short[n + 16];
        int written = 0, at = 0, size = 1;
        while (at < input.Length)
        {
            int len = Math.Min(size, input.Length - at);
            written += pieces.Process(input.AsSpan(at, len), actual.AsSpan(written));
            at += len;
            size = size * 3 % 1999 + 1;
        }
        Assert.Equal(n, written);
        Assert.Equal(expected.AsSpan(0, n).ToArray(), actual.AsSpan(0, n).ToArray());
    }

    [Fact]
    public void Steady_state_frames_allocate_nothing()
    {
        var resampler = new Resampler(8000, 16000);
        var inFrame = AudioFrame.CreateUnpooled(8000);
        var outFrame = AudioFrame.CreateUnpooled(16000);
        resampler.Process(inFrame, outFrame);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            inFrame.Samples[0] = (short)i;
            resampler.Process(inFrame, outFrame);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Loud_input_saturates_instead_of_wrapping()
    {
        // A full-scale square wave overshoots after band-limiting (Gibbs); the output must clip, not wrap.
        var input = new short[1600];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (i / 20 % 2 == 0) ? short.MaxValue : short.MinValue;
        }
        var resampler = new Resampler(8000, 16000);
        var output = new short[3200];
        resampler.Process(input, output);
        for (int i = 400; i < output.Length; i++)
        {
            bool high = (i - (int)resampler.DelayOutputSamples) / 40 % 2 == 0;
            int mid = (i - (int)resampler.DelayOutputSamples) % 40;
            if (mid is > 8 and < 32)
            {
                Assert.True(high ? output[i] > 20000 : output[i] < -20000, $"sample {i} = {output[i]}");
            }
        }
    }

    [Fact]
    public void Unsupported_rates_and_short_outputs_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(11025, 8000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(8000, 0));
        var r = new Resampler(8000, 16000);
        Assert.Throws<ArgumentException>(() => r.Process(new short[160], new short[319]));
    }
}
