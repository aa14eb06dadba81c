using Appliance.Audio.Resampling;

namespace Appliance.Audio.Codecs;

/// <summary>
/// Turns a byte stream in a seed <see cref="AudioEncoding"/> (e.g. TTS output in <c>pcm_44100</c>) into
/// 16-bit samples at <see cref="OutputRate"/>. Chunks may split a sample: a dangling byte is kept for
/// the next call. No allocation after construction. One instance per stream.
/// </summary>
public sealed class AudioStreamDecoder
{
    private const int ScratchSamples = 1024;
    private readonly Resampler? _resampler;
    private readonly short[] _scratch = new short[ScratchSamples];
    private byte _pendingByte;
    private bool _hasPendingByte;

    /// <summary>Creates a decoder from <paramref name="encoding"/> to samples at <paramref name="outputRate"/>.</summary>
    public AudioStreamDecoder(AudioEncoding encoding, int outputRate)
    {
        Encoding = encoding;
        OutputRate = outputRate;
        int inputRate = encoding.SampleRate();
        _resampler = inputRate == outputRate ? null : new Resampler(inputRate, outputRate);
        if (_resampler is null && !AudioFormat.IsSupportedRate(outputRate))
        {
            throw new ArgumentOutOfRangeException(nameof(outputRate), outputRate, "Unsupported sample rate.");
        }
    }

    /// <summary>Wire encoding of the input.</summary>
    public AudioEncoding Encoding { get; }

    /// <summary>Rate of the produced samples.</summary>
    public int OutputRate { get; }

    /// <summary>Exact number of samples the next <see cref="Decode"/> of <paramref name="bytes"/> bytes produces.</summary>
    public int MaxOutputSamples(int bytes)
    {
        int samples = (bytes + (_hasPendingByte ? 1 : 0)) / Encoding.BytesPerSample();
        return _resampler?.OutputSamplesFor(samples) ?? samples;
    }

    /// <summary>Decodes <paramref name="data"/>; returns the number of samples written.</summary>
    public int Decode(ReadOnlySpan<byte> data, Span<short> output)
    {
        if (output.Length < MaxOutputSamples(data.Length))
        {
            throw new ArgumentException($"Output holds {output.Length} samples; up to {MaxOutputSamples(data.Length)} may be produced.", nameof(output));
        }
        int written = 0;
        if (_hasPendingByte && !data.IsEmpty)
        {
            _scratch[0] = (short)(_pendingByte | (data[0] << 8));
            _hasPendingByte = false;
            data = data[1..];
            written += Emit(_scratch.AsSpan(0, 1), output);
        }
        while (!data.IsEmpty)
        {
            int count = Math.Min(ScratchSamples, data.Length / Encoding.BytesPerSample());
            if (count == 0)
            {
                _pendingByte = data[0];
                _hasPendingByte = true;
                break;
            }
            Span<short> samples = _scratch.AsSpan(0, count);
            if (Encoding == AudioEncoding.MuLaw8000)
            {
                G711.DecodeMuLaw(data[..count], samples);
                data = data[count..];
            }
            else
            {
                for (int i = 0; i < count; i++)
                {
                    samples[i] = (short)(data[2 * i] | (data[2 * i + 1] << 8));
                }
                data = data[(2 * count)..];
            }
            written += Emit(samples, output[written..]);
        }
        return written;
    }

    private int Emit(ReadOnlySpan<short> samples, Span<short> output)
    {
        if (_resampler is null)
        {
            samples.CopyTo(output);
            return samples.Length;
        }
        return _resampler.Process(samples, output);
    }
}
