using System.Buffers.Binary;

namespace Appliance.Audio.Wav;

/// <summary>
/// Reads and writes RIFF/WAVE files holding 16-bit PCM mono (the only kind the appliance stores).
/// The reader walks chunks defensively: unknown chunks are skipped, sizes are checked against the
/// stream, and anything else (stereo, 8-bit, compressed, truncated) is an <see cref="InvalidDataException"/>.
/// </summary>
public static class WavFile
{
    private const int MaxSamples = 100_000_000; // ~35 min at 48 kHz; guards against absurd declared sizes

    /// <summary>Reads a 16-bit mono PCM WAV; returns the samples and sets <paramref name="sampleRate"/>.</summary>
    public static short[] Read(Stream stream, out int sampleRate)
    {
        Span<byte> header = stackalloc byte[12];
        ReadExactly(stream, header);
        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a RIFF/WAVE file.");
        }
        sampleRate = 0;
        bool haveFormat = false;
        Span<byte> chunk = stackalloc byte[8];
        Span<byte> format = stackalloc byte[64];
        while (true)
        {
            ReadExactly(stream, chunk);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size is < 16 or > 64)
                {
                    throw new InvalidDataException("Bad fmt chunk size.");
                }
                Span<byte> fmt = format[..(int)size];
                ReadExactly(stream, fmt);
                ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                ushort channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(fmt[4..]);
                ushort bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
                // 0xFFFE (extensible) is accepted when it still describes 16-bit mono PCM.
                if (tag is not (1 or 0xFFFE) || channels != 1 || bits != 16 || sampleRate is < 1000 or > 192000)
                {
                    throw new InvalidDataException($"Only 16-bit mono PCM is supported (format {tag}, {channels} ch, {bits} bit, {sampleRate} Hz).");
                }
                SkipPad(stream, size);
                haveFormat = true;
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                if (!haveFormat)
                {
                    throw new InvalidDataException("data chunk before fmt chunk.");
                }
                if (size / 2 > MaxSamples)
                {
                    throw new InvalidDataException("data chunk too large.");
                }
                var samples = new short[size / 2];
                var bytes = new byte[samples.Length * 2];
                int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                if (got < bytes.Length)
                {
                    // Streamed writers sometimes leave a too-large size; keep the whole samples that arrived.
                    Array.Resize(ref samples, got / 2);
                }
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(2 * i));
                }
                return samples;
            }
            else
            {
                Skip(stream, size + (size & 1));
            }
        }
    }

    /// <summary>Reads a WAV file from <paramref name="path"/>.</summary>
    public static short[] Read(string path, out int sampleRate)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, out sampleRate);
    }

    /// <summary>Size of the header <see cref="WriteHeader"/> writes.</summary>
    public const int HeaderSize = 44;

    /// <summary>
    /// Writes the 44-byte header of a 16-bit mono PCM WAV holding <paramref name="dataBytes"/> of
    /// samples (streaming writers write it first with 0 and again with the final size).
    /// </summary>
    public static void WriteHeader(Span<byte> header, int sampleRate, int dataBytes)
    {
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], dataBytes);
    }

    /// <summary>Writes <paramref name="samples"/> as a 16-bit mono PCM WAV.</summary>
    public static void Write(Stream stream, ReadOnlySpan<short> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samples.Length, MaxSamples);
        Span<byte> header = stackalloc byte[HeaderSize];
        WriteHeader(header, sampleRate, samples.Length * 2);
        stream.Write(header);
        Span<byte> buffer = stackalloc byte[2048];
        while (!samples.IsEmpty)
        {
            int n = Math.Min(buffer.Length / 2, samples.Length);
            for (int i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(buffer[(2 * i)..], samples[i]);
            }
            stream.Write(buffer[..(2 * n)]);
            samples = samples[n..];
        }
    }

    /// <summary>Writes a WAV file to <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate)
    {
        using var stream = File.Create(path);
        Write(stream, samples, sampleRate);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new InvalidDataException("Truncated WAV file.");
        }
    }

    private static void SkipPad(Stream stream, uint size)
    {
        if ((size & 1) == 1)
        {
            Skip(stream, 1);
        }
    }

    private static void Skip(Stream stream, long count)
    {
        Span<byte> sink = stackalloc byte[512];
        while (count > 0)
        {
            int n = stream.Read(sink[..(int)Math.Min(sink.Length, count)]);
            if (n == 0)
            {
                throw new InvalidDataException("Truncated WAV file.");
            }
            count -= n;
        }
    }
}
