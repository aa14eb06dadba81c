namespace Appliance.Audio;

/// <summary>
/// The fixed framing every audio block agrees on: mono, 16-bit, 20 ms frames.
/// Telephony runs at 8 kHz; the other rates appear on the TTS/STT side of the chain.
/// </summary>
public static class AudioFormat
{
    /// <summary>G.711 / analog line rate.</summary>
    public const int TelephonyRate = 8000;

    /// <summary>Wideband rate used by the VAD and most STT engines.</summary>
    public const int WidebandRate = 16000;

    /// <summary>Length of one frame in milliseconds.</summary>
    public const int FrameMs = 20;

    /// <summary>Frames per second at <see cref="FrameMs"/>.</summary>
    public const int FramesPerSecond = 1000 / FrameMs;

    /// <summary>Samples in one 20 ms frame at 8 kHz (160).</summary>
    public const int TelephonySamplesPerFrame = TelephonyRate / FramesPerSecond;

    /// <summary>The sample rates the resampler and the frame pools support.</summary>
    public static ReadOnlySpan<int> SupportedRates => [8000, 16000, 24000, 44100, 48000];

    /// <summary>True when <paramref name="sampleRate"/> is one of <see cref="SupportedRates"/>.</summary>
    public static bool IsSupportedRate(int sampleRate) =>
        sampleRate is 8000 or 16000 or 24000 or 44100 or 48000;

    /// <summary>Samples in one 20 ms frame at <paramref name="sampleRate"/> (882 at 44.1 kHz).</summary>
    public static int SamplesPerFrame(int sampleRate)
    {
        if (!IsSupportedRate(sampleRate))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Supported rates: 8000, 16000, 24000, 44100, 48000.");
        }
        return sampleRate / FramesPerSecond;
    }

    /// <summary>Duration of <paramref name="samples"/> samples at <paramref name="sampleRate"/>.</summary>
    public static TimeSpan DurationOf(long samples, int sampleRate) =>
        TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / sampleRate);
}
