namespace Appliance.Audio.Vad;

/// <summary>Shared frame checks for the VAD classifiers.</summary>
internal static class VadFrame
{
    public const int FrameMilliseconds = 20;

    public static int SamplesFor(int sampleRate)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "VAD runs at 8000 or 16000 Hz.");
        }
        return sampleRate / 1000 * FrameMilliseconds;
    }

    public static void CheckLength(ReadOnlySpan<short> frame, int expected)
    {
        if (frame.Length != expected)
        {
            throw new ArgumentException($"A 20 ms frame holds {expected} samples, got {frame.Length}.", nameof(frame));
        }
    }
}
