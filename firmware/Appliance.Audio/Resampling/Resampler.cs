using System.Numerics;
using System.Runtime.InteropServices;

namespace Appliance.Audio.Resampling;

/// <summary>
/// Streaming band-limited sample-rate converter between any two of 8, 16, 24, 44.1 and 48 kHz:
/// a rational L/M polyphase filter whose prototype is a Kaiser-windowed sinc.
/// The pass band runs to 85 % of the lower Nyquist frequency; from the lower Nyquist frequency
/// upwards the design attenuates by <see cref="DesignAttenuationDb"/>, so neither aliases (down) nor
/// images (up) reach the output. State carries across calls; nothing is allocated after construction.
/// Not thread-safe: one instance per stream.
/// </summary>
public sealed class Resampler
{
    /// <summary>Stop-band attenuation the filter is designed for (the tests measure at least 80 dB).</summary>
    public const double DesignAttenuationDb = 90;

    /// <summary>Pass-band edge as a fraction of the lower of the two Nyquist frequencies.</summary>
    public const double PassBandFraction = 0.85;

    private const int ChunkSamples = 1024; // input handled per inner pass; bounds the work buffer

    private readonly int _up;       // L
    private readonly int _down;     // M
    private readonly int _taps;     // taps per phase (multiple of the SIMD width)
    private readonly float[] _phases; // L rows of _taps coefficients, reversed so each dot product walks memory forward
    private readonly float[] _buffer; // _taps - 1 samples of history, then the current chunk
    private int _position;           // upsampled-domain time of the next output, relative to the chunk start

    /// <summary>Creates a converter from <paramref name="inputRate"/> to <paramref name="outputRate"/>.</summary>
    public Resampler(int inputRate, int outputRate)
    {
        if (!AudioFormat.IsSupportedRate(inputRate))
        {
            throw new ArgumentOutOfRangeException(nameof(inputRate), inputRate, "Unsupported sample rate.");
        }
        if (!AudioFormat.IsSupportedRate(outputRate))
        {
            throw new ArgumentOutOfRangeException(nameof(outputRate), outputRate, "Unsupported sample rate.");
        }
        InputRate = inputRate;
        OutputRate = outputRate;
        int gcd = Gcd(inputRate, outputRate);
        _up = outputRate / gcd;
        _down = inputRate / gcd;

        double upsampledRate = (double)inputRate * _up;
        double lowerNyquist = Math.Min(inputRate, outputRate) / 2.0;
        double transition = (1 - PassBandFraction) * lowerNyquist / upsampledRate;
        double cutoff = (1 + PassBandFraction) / 2 * lowerNyquist / upsampledRate;
        int width = Vector<float>.Count;
        int minimumTotal = KaiserLowPass.Length(DesignAttenuationDb, transition);
        _taps = (minimumTotal + _up - 1) / _up;
        _taps = (_taps + width - 1) / width * width;

        Span<double> prototype = new double[_taps * _up];
        KaiserLowPass.Design(prototype, cutoff, KaiserLowPass.Beta(DesignAttenuationDb), _up);
        _phases = new float[_taps * _up];
        for (int phase = 0; phase < _up; phase++)
        {
            for (int k = 0; k < _taps; k++)
            {
                // tap k of this phase multiplies x[i - k]; stored at column _taps-1-k so x[i-_taps+1 .. i] lines up.
                _phases[phase * _taps + (_taps - 1 - k)] = (float)prototype[phase + k * _up];
            }
        }
        _buffer = new float[_taps - 1 + ChunkSamples];
    }

    /// <summary>Input sample rate.</summary>
    public int InputRate { get; }

    /// <summary>Output sample rate.</summary>
    public int OutputRate { get; }

    /// <summary>Filter taps per output sample (cost measure).</summary>
    public int TapsPerOutput => _taps;

    /// <summary>Group delay of the filter in output samples.</summary>
    public double DelayOutputSamples => (_taps * _up - 1) / 2.0 / _down;

    /// <summary>Upper bound of the output count for <paramref name="inputSamples"/> input samples, in any state.</summary>
    public int MaxOutputSamples(int inputSamples) => (int)(((long)inputSamples * _up + _down - 1) / _down);

    /// <summary>Exact number of samples the next call with <paramref name="inputSamples"/> samples produces.</summary>
    public int OutputSamplesFor(int inputSamples)
    {
        long span = (long)inputSamples * _up - _position;
        return span <= 0 ? 0 : (int)((span + _down - 1) / _down);
    }

    /// <summary>Forgets all history (new stream).</summary>
    public void Reset()
    {
        Array.Clear(_buffer);
        _position = 0;
    }

    /// <summary>
    /// Converts a 20 ms frame into a 20 ms frame. Both frames hold exactly 20 ms, so the output count
    /// always matches (every supported rate is a multiple of 50 Hz).
    /// </summary>
    public void Process(AudioFrame input, AudioFrame output)
    {
        if (input.SampleRate != InputRate || output.SampleRate != OutputRate)
        {
            throw new ArgumentException($"Expected {InputRate} Hz in and {OutputRate} Hz out.");
        }
        int written = Process(input.ReadOnlySamples, output.Samples);
        output.Timestamp = input.Timestamp;
        if (written != output.Length)
        {
            throw new InvalidOperationException("Frame-based use must not be mixed with arbitrary-length calls.");
        }
    }

    /// <summary>Converts <paramref name="input"/>; returns the number of samples written to <paramref name="output"/>.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        int needed = OutputSamplesFor(input.Length);
        if (output.Length < needed)
        {
            throw new ArgumentException($"Output holds {output.Length} samples; {needed} will be produced.", nameof(output));
        }
        int written = 0;
        while (!input.IsEmpty)
        {
            int n = Math.Min(ChunkSamples, input.Length);
            written += ProcessChunk(input[..n], output[written..]);
            input = input[n..];
        }
        return written;
    }

    private int ProcessChunk(ReadOnlySpan<short> input, Span<short> output)
    {
        int history = _taps - 1;
        Span<float> buffer = _buffer;
        for (int i = 0; i < input.Length; i++)
        {
            buffer[history + i] = input[i];
        }

        ReadOnlySpan<Vector<float>> coefficients = MemoryMarshal.Cast<float, Vector<float>>(_phases);
        int vectorsPerPhase = _taps / Vector<float>.Count;
        long end = (long)input.Length * _up;
        int written = 0;
        int t = _position;
        while (t < end)
        {
            int index = t / _up;          // newest input sample used, relative to the chunk
            int phase = t - index * _up;
            ReadOnlySpan<Vector<float>> window = MemoryMarshal.Cast<float, Vector<float>>(buffer.Slice(index, _taps));
            ReadOnlySpan<Vector<float>> row = coefficients.Slice(phase * vectorsPerPhase, vectorsPerPhase);
            var acc = Vector<float>.Zero;
            for (int v = 0; v < row.Length; v++)
            {
                acc += window[v] * row[v];
            }
            output[written++] = Saturate(Vector.Sum(acc));
            t += _down;
        }
        _position = (int)(t - end);
        buffer.Slice(input.Length, history).CopyTo(buffer); // keep the newest _taps-1 samples
        return written;
    }

    private static short Saturate(float value)
    {
        float rounded = MathF.Round(value);
        return rounded >= short.MaxValue ? short.MaxValue : rounded <= short.MinValue ? short.MinValue : (short)rounded;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }
}
