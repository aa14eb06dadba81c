namespace Appliance.Conversation.Tests.Providers;

internal static class TestAudio
{
    /// <summary>A sine tone as 16-bit samples.</summary>
    public static short[] Tone(int sampleRate, double frequency, double seconds, double amplitude = 8000)
    {
        var samples = new short[(int)(sampleRate * seconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
        }

        return samples;
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    /// <summary>Copies every frame (frames are reused buffers) into one array.</summary>
    public static async Task<(short[] Samples, List<int> FrameLengths)> CollectAsync(IAsyncEnumerable<ReadOnlyMemory<short>> frames)
    {
        var all = new List<short>();
        var lengths = new List<int>();
        await foreach (var frame in frames)
        {
            lengths.Add(frame.Length);
            all.AddRange(frame.Span);
        }

        return (all.ToArray(), lengths);
    }
}
