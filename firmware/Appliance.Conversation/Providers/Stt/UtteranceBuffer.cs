using System.Buffers;

namespace Appliance.Conversation.Providers.Stt;

/// <summary>
/// Collects a turn's frames in one pooled, growing buffer (no allocation per frame once it has
/// grown to the turn's length) for providers that send the utterance in one request.
/// </summary>
public sealed class UtteranceBuffer : IDisposable
{
    // Two minutes at 16 kHz: a longer turn is cut, never an unbounded allocation.
    public const int MaxSamples = 16000 * 120;
    private short[] _samples = ArrayPool<short>.Shared.Rent(8000);
    private int _count;

    public ReadOnlyMemory<short> Samples => _samples.AsMemory(0, _count);

    public void Write(ReadOnlySpan<short> frame)
    {
        var room = MaxSamples - _count;
        if (frame.Length > room)
        {
            frame = frame[..room];
        }

        if (_count + frame.Length > _samples.Length)
        {
            var bigger = ArrayPool<short>.Shared.Rent(Math.Min(MaxSamples, Math.Max(_samples.Length * 2, _count + frame.Length)));
            _samples.AsSpan(0, _count).CopyTo(bigger);
            ArrayPool<short>.Shared.Return(_samples);
            _samples = bigger;
        }

        frame.CopyTo(_samples.AsSpan(_count));
        _count += frame.Length;
    }

    /// <summary>The samples as a 16-bit mono WAV file.</summary>
    public byte[] ToWav(int sampleRate)
    {
        var wav = new byte[Appliance.Audio.Wav.WavFile.HeaderSize + _count * 2];
        Appliance.Audio.Wav.WavFile.WriteHeader(wav, sampleRate, _count * 2);
        var body = wav.AsSpan(Appliance.Audio.Wav.WavFile.HeaderSize);
        for (var i = 0; i < _count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(body[(i * 2)..], _samples[i]);
        }

        return wav;
    }

    public void Dispose()
    {
        if (_samples.Length > 0)
        {
            ArrayPool<short>.Shared.Return(_samples);
            _samples = [];
            _count = 0;
        }
    }
}
