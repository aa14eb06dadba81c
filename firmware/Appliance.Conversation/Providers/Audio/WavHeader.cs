using System.Buffers.Binary;

namespace Appliance.Conversation.Providers.Audio;

/// <summary>The format part of a RIFF/WAVE header: enough to read 16-bit PCM that follows it.</summary>
public readonly record struct WavHeader(int SampleRate, int Channels, int BitsPerSample)
{
    private const int MaxSkippedChunk = 1 << 20;

    /// <summary>
    /// Reads the header up to the start of the "data" chunk and leaves the stream there. Streams
    /// written to a pipe (espeak-ng --stdout, chunked HTTP) carry placeholder sizes, so the data
    /// size is not trusted: the audio runs to the end of the stream.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a WAV file, or not 16-bit integer PCM.</exception>
    public static async ValueTask<WavHeader> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16];
        await ReadExactly(stream, buffer.AsMemory(0, 12), cancellationToken).ConfigureAwait(false);
        if (!buffer.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !buffer.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a RIFF/WAVE stream.");
        }

        WavHeader? format = null;
        while (true)
        {
            await ReadExactly(stream, buffer.AsMemory(0, 8), cancellationToken).ConfigureAwait(false);
            var isData = buffer.AsSpan(0, 4).SequenceEqual("data"u8);
            var isFormat = buffer.AsSpan(0, 4).SequenceEqual("fmt "u8);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(4, 4));
            if (isData)
            {
                return format ?? throw new InvalidDataException("WAV data chunk before its fmt chunk.");
            }

            if (size > MaxSkippedChunk)
            {
                throw new InvalidDataException("WAV header chunk too large.");
            }

            var chunk = new byte[size + (size & 1)];
            await ReadExactly(stream, chunk, cancellationToken).ConfigureAwait(false);
            if (isFormat)
            {
                format = ParseFormat(chunk);
            }
        }
    }

    private static WavHeader ParseFormat(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 16)
        {
            throw new InvalidDataException("WAV fmt chunk too short.");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(chunk[4..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
        const ushort Pcm = 1, Extensible = 0xFFFE;
        if ((tag != Pcm && tag != Extensible) || bits != 16 || channels is < 1 or > 8 || rate is < 4000 or > 192000)
        {
            throw new InvalidDataException($"Unsupported WAV format: tag {tag}, {bits} bits, {channels} channels, {rate} Hz.");
        }

        return new WavHeader(rate, channels, bits);
    }

    private static async ValueTask ReadExactly(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("WAV stream ended inside its header.", e);
        }
    }
}
