using Appliance.Audio.Resampling;

namespace Appliance.Audio.Codecs;

/// <summary>
/// Turns 16-bit samples at <see cref="InputRate"/> into bytes of a seed <see cref="AudioEncoding"/>
/// (e.g. caller audio to an STT engine that wants <c>pcm_16000</c>). No allocation after construction.
/// </summary>
public sealed class AudioStreamEncoder
{
    private const int ScratchSamples = 1024;
    private readonly Resampler? _resampler;
    private readonly short[] _scratch;

    /// <summary>Creates an encoder from samples at <paramref name="inputRate"/> to <paramref name="encoding"/>.</summary>
    public AudioStreamEncoder(int inputRate, AudioEncoding encoding)
    {
        Encoding = encoding;
        InputRate = inputRate;
        int outputRate = encoding.SampleRate();
        _resampler = inputRate == outputRate ? null : new Resampler(inputRate, outputRate);
        if (_resampler is null && !AudioFormat.IsSupportedRate(inputRate))
        {
            throw new ArgumentOutOfRangeException(nameof(inputRate), inputRate, "Unsupported sample rate.");
        }
        _scratch = new short[_resampler?.MaxOutputSamples(ScratchSamples) ?? ScratchSamples];
    }

    /// <summary>Wire encoding of the output.</summary>
    public AudioEncoding Encoding { get; }

    /// <summary>Rate of the input samples.</summary>
    public int InputRate { get; }

    /// <summary>Exact number of bytes the next <see cref="Encode"/> of <paramref name="samples"/> samples produces.</summary>
    public int MaxOutputBytes(int samples) =>
        (_resampler?.OutputSamplesFor(samples) ?? samples) * Encoding.BytesPerSample();

    /// <summary>Encodes <paramref name="samples"/>; returns the number of bytes written.</summary>
    public int Encode(ReadOnlySpan<short> samples, Span<byte> output)
    {
        if (output.Length < MaxOutputBytes(samples.Length))
        {
            throw new ArgumentException($"Output holds {output.Length} bytes; up to {MaxOutputBytes(samples.Length)} may be produced.", nameof(output));
        }
        int written = 0;
        while (!samples.IsEmpty)
        {
            int n = Math.Min(ScratchSamples, samples.Length);
            ReadOnlySpan<short> chunk = samples[..n];
            if (_resampler is not null)
            {
                chunk = _scratch.AsSpan(0, _resampler.Process(chunk, _scratch));
            }
            written += Write(chunk, output[written..]);
            samples = samples[n..];
        }
        return written;
    }

    private int Write(ReadOnlySpan<short> samples, Span<byte> output)
    {
        if (Encoding == AudioEncoding.MuLaw8000)
        {
            G711.EncodeMuLaw(samples, output);
            return samples.Length;
        }
        for (int i = 0; i < samples.Length; i++)
        {
            output[2 * i] = (byte)samples[i];
            output[2 * i + 1] = (byte)(samples[i] >> 8);
        }
        return 2 * samples.Length;
    }
}
