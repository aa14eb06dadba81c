using Appliance.Audio.Denoise;
using Appliance.Audio.Tests.PartB.Signals;

namespace Appliance.Audio.Tests.Denoise;

public class DenoiserTests
{
    [Theory]
    [InlineData("off", DenoisingMode.Off)]
    [InlineData("noise-cancellation", DenoisingMode.NoiseCancellation)]
    [InlineData("noise-and-background-speech-cancellation", DenoisingMode.NoiseAndBackgroundSpeechCancellation)]
    [InlineData("Noise-Cancellation", DenoisingMode.NoiseCancellation)]
    public void Create_accepts_the_seed_mode_names(string name, DenoisingMode mode)
    {
        var d = Denoiser.Create(name, 16000);
        Assert.Equal(mode, d.Mode);
        Assert.Equal(320, d.FrameSamples);
    }

    [Theory]
    [InlineData("")]
    [InlineData("noise")]
    [InlineData("noise-cancellation ")]
    public void Unknown_modes_are_rejected(string name) => Assert.Throws<ArgumentException>(() => Denoiser.Create(name, 8000));

    [Theory]
    [InlineData(0)]
    [InlineData(44100)]
    [InlineData(-8000)]
    public void Unsupported_rates_are_rejected(int rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Denoiser.Create(DenoisingMode.NoiseCancellation, rate));

    [Theory]
    [InlineData(DenoisingMode.Off)]
    [InlineData(DenoisingMode.NoiseCancellation)]
    public void Frames_of_the_wrong_length_are_rejected(DenoisingMode mode)
    {
        var d = Denoiser.Create(mode, 8000);
        Assert.Throws<ArgumentException>(() => d.Process(new short[159]));
        Assert.Throws<ArgumentException>(() => d.Process(new short[320]));
    }

    [Fact]
    public void Off_leaves_frames_bit_exact()
    {
        short[] x = TestScene.ToPcm16(TestScene.White(160, seed: 3));
        short[] y = (short[])x.Clone();
        var d = Denoiser.Create("off", 8000);
        d.Process(y);
        Assert.Equal(x, y);
        Assert.Equal(0, d.LatencySamples);
    }

    [Theory]
    [InlineData(DenoisingMode.NoiseCancellation)]
    [InlineData(DenoisingMode.NoiseAndBackgroundSpeechCancellation)]
    public void Full_scale_and_extreme_input_never_crashes_and_stays_finite(DenoisingMode mode)
    {
        var d = Denoiser.Create(mode, 8000);
        var frame = new short[160];
        for (int f = 0; f < 200; f++)
        {
            for (int i = 0; i < frame.Length; i++)
            {
                frame[i] = (f % 4) switch
                {
                    0 => short.MinValue,
                    1 => (short)((i & 1) == 0 ? short.MaxValue : short.MinValue),
                    2 => 0,
                    _ => (short)(i * 409),
                };
            }
            d.Process(frame);
        }
        // Silence after the storm decays to (near) silence: no NaN or runaway state.
        Array.Clear(frame);
        for (int f = 0; f < 10; f++) d.Process(frame);
        foreach (short s in frame) Assert.InRange(s, -2, 2);
    }

    [Theory]
    [InlineData(DenoisingMode.NoiseCancellation, 8000)]
    [InlineData(DenoisingMode.NoiseAndBackgroundSpeechCancellation, 16000)]
    public void Steady_state_allocates_nothing(DenoisingMode mode, int rate)
    {
        var d = Denoiser.Create(mode, rate);
        short[] noisy = TestScene.ToPcm16(TestScene.White(rate, seed: 9));
        var frame = new short[d.FrameSamples];
        noisy.AsSpan(0, frame.Length).CopyTo(frame);
        d.Process(frame); // warm up (JIT, tiering)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int f = 0; f < 200; f++)
        {
            noisy.AsSpan(f % 40 * frame.Length, frame.Length).CopyTo(frame);
            d.Process(frame);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Reset_behaves_like_a_fresh_instance()
    {
        short[] noisy = TestScene.ToPcm16(TestScene.White(160 * 100, seed: 4));
        var used = Denoiser.Create(DenoisingMode.NoiseAndBackgroundSpeechCancellation, 8000);
        var fresh = Denoiser.Create(DenoisingMode.NoiseAndBackgroundSpeechCancellation, 8000);
        var a = (short[])noisy.Clone();
        for (int f = 0; f < 100; f++) used.Process(a.AsSpan(f * 160, 160));
        used.Reset();
        var b = (short[])noisy.Clone();
        var c = (short[])noisy.Clone();
        for (int f = 0; f < 100; f++)
        {
            used.Process(b.AsSpan(f * 160, 160));
            fresh.Process(c.AsSpan(f * 160, 160));
        }
        Assert.Equal(c, b);
    }
}
