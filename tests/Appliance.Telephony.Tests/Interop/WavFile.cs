using System.Buffers.Binary;

namespace Appliance.Telephony.Tests.Interop;

/// <summary>Minimal 16-bit PCM mono WAV reader/writer for the audio interop checks.</summary>
internal static class WavFile
{
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate)
    {
        var data = new byte[44 + (samples.Length * 2)];
        "RIFF"u8.CopyTo(data);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4), data.Length - 8);
        "WAVEfmt "u8.CopyTo(data.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(34), 16);
        "data"u8.CopyTo(data.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(40), samples.Length * 2);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(44 + (i * 2)), samples[i]);
        }
        File.WriteAllBytes(path, data);
    }

    /// <summary>Reads the first channel of a 16-bit PCM WAV, walking the chunks.</summary>
    public static (short[] Samples, int SampleRate) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var rate = 0;
        var channels = 1;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            if (id == "fmt ")
            {
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 10));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 12));
            }
            else if (id == "data")
            {
                size = Math.Min(size < 0 ? int.MaxValue : size, bytes.Length - offset - 8);
                var count = size / (2 * channels);
                var samples = new short[count];
                for (var i = 0; i < count; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(offset + 8 + (i * 2 * channels)));
                }
                return (samples, rate);
            }
            offset += 8 + size + (size & 1);
        }
        throw new InvalidDataException("no data chunk in " + path);
    }
}
