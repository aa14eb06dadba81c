namespace Appliance.Benchmarks.AudioA;

/// <summary>Baseline for the resampler benchmark: linear interpolation, no anti-alias filter.</summary>
internal sealed class NaiveLinearResampler(int inputRate, int outputRate)
{
    private readonly double _step = (double)inputRate / outputRate;
    private double _position;
    private short _last;

    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        int written = 0;
        while (_position < input.Length)
        {
            int i = (int)_position;
            double frac = _position - i;
            short a = i == 0 ? _last : input[i - 1];
            output[written++] = (short)(a + frac * (input[i] - a));
            _position += _step;
        }
        _position -= input.Length;
        _last = input[^1];
        return written;
    }
}
