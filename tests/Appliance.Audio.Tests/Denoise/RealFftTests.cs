using Appliance.Audio.Denoise;

namespace Appliance.Audio.Tests.Denoise;

public class RealFftTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(512)]
    public void Forward_matches_a_direct_dft_and_inverse_restores_the_input(int size)
    {
        var rng = new Random(size);
        var x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float)(rng.NextDouble() * 2 - 1);
        var fft = new RealFft(size);
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];
        fft.Forward(x, re, im);
        for (int k = 0; k < fft.Bins; k++)
        {
            double dr = 0, di = 0;
            for (int n = 0; n < size; n++)
            {
                dr += x[n] * Math.Cos(2 * Math.PI * k * n / size);
                di -= x[n] * Math.Sin(2 * Math.PI * k * n / size);
            }
            Assert.True(Math.Abs(dr - re[k]) < 1e-3 * size && Math.Abs(di - im[k]) < 1e-3 * size, $"bin {k}: ({re[k]}, {im[k]}) vs ({dr}, {di})");
        }
        var back = new float[size];
        fft.Inverse(re, im, back);
        for (int n = 0; n < size; n++) Assert.True(Math.Abs(x[n] - back[n]) < 1e-5, $"sample {n}: {back[n]} vs {x[n]}");
    }

    [Fact]
    public void Rejects_sizes_that_are_not_powers_of_two()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(320));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(2));
    }
}
