namespace Appliance.Conversation.Providers.Audio;

/// <summary>
/// Streaming sample-rate converter for 16-bit mono PCM with a Hann-windowed sinc kernel, whose
/// cutoff follows the lower of the two rates so that downsampling (22.05/24 kHz TTS to 8 kHz) does
/// not alias. Buffers are sized once; <see cref="Process"/> does not allocate after warm-up.
/// </summary>
/// <remarks>The Audio layer owns the call path's resampler; this one only converts provider audio.</remarks>
public sealed class PcmResampler
{
    private const int ZeroCrossings = 8;
    private readonly double _step;
    private readonly double _cutoff;
    private readonly double _halfWidth;
    private float[] _history = new float[1024];
    private int _count;
    private double _position;

    public PcmResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1000);
        InputRate = inputRate;
        OutputRate = outputRate;
        _step = (double)inputRate / outputRate;
        _cutoff = Math.Min(1.0, (double)outputRate / inputRate);
        _halfWidth = ZeroCrossings / _cutoff;
        // Start with the kernel centred on the first sample, padded by silence on the left.
        _count = (int)Math.Ceiling(_halfWidth);
        _position = _count;
    }

    public int InputRate { get; }
    public int OutputRate { get; }

    /// <summary>Upper bound of the samples <see cref="Process"/> may write for an input of this length.</summary>
    public int MaxOutput(int inputLength) => (int)Math.Ceiling((inputLength + _history.Length) / _step) + 2;

    /// <summary>Consumes <paramref name="input"/> and writes the output samples it makes ready.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (InputRate == OutputRate)
        {
            input.CopyTo(output);
            return input.Length;
        }

        Append(input);
        var written = 0;
        while (_position + _halfWidth < _count && written < output.Length)
        {
            output[written++] = Convolve(_position);
            _position += _step;
        }

        Discard();
        return written;
    }

    /// <summary>Pushes silence through the kernel to emit the samples still held back.</summary>
    public int Flush(Span<short> output)
    {
        if (InputRate == OutputRate)
        {
            return 0;
        }

        Span<short> silence = stackalloc short[(int)Math.Ceiling(_halfWidth) + 1];
        return Process(silence, output);
    }

    private short Convolve(double centre)
    {
        var first = (int)Math.Ceiling(centre - _halfWidth);
        var last = (int)Math.Floor(centre + _halfWidth);
        double sum = 0;
        for (var i = first; i <= last; i++)
        {
            var x = (centre - i) * _cutoff;
            var sinc = x == 0 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
            var window = 0.5 + 0.5 * Math.Cos(Math.PI * x / ZeroCrossings);
            sum += _history[i] * sinc * window;
        }

        return (short)Math.Clamp(Math.Round(sum * _cutoff), short.MinValue, short.MaxValue);
    }

    private void Append(ReadOnlySpan<short> input)
    {
        if (_count + input.Length > _history.Length)
        {
            Array.Resize(ref _history, Math.Max(_history.Length * 2, _count + input.Length));
        }

        for (var i = 0; i < input.Length; i++)
        {
            _history[_count + i] = input[i];
        }

        _count += input.Length;
    }

    // Drops the samples no future output can reach, keeping the buffer small.
    private void Discard()
    {
        var keepFrom = (int)Math.Floor(_position - _halfWidth) - 1;
        if (keepFrom <= 0)
        {
            return;
        }

        _history.AsSpan(keepFrom, _count - keepFrom).CopyTo(_history);
        _count -= keepFrom;
        _position -= keepFrom;
    }
}
