namespace Appliance.Audio.Denoise;

/// <summary>
/// Per-call noise suppression on 20 ms PCM16 frames at 8 or 16 kHz, processed in place. Create one
/// with <see cref="Create(string, int)"/> from the agent's <c>denoisingMode</c> and feed every
/// caller frame in order (after echo cancellation, before the VAD). Not thread-safe: one call leg.
/// </summary>
public abstract class Denoiser
{
    public const string OffName = "off";
    public const string NoiseCancellationName = "noise-cancellation";
    public const string BackgroundSpeechName = "noise-and-background-speech-cancellation";

    private protected Denoiser(DenoisingMode mode, int sampleRate)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Denoise runs at 8000 or 16000 Hz.");
        }
        Mode = mode;
        SampleRate = sampleRate;
        FrameSamples = sampleRate / 50;
    }

    public DenoisingMode Mode { get; }

    public int SampleRate { get; }

    /// <summary>Samples in one 20 ms frame: 160 at 8 kHz, 320 at 16 kHz.</summary>
    public int FrameSamples { get; }

    /// <summary>How many samples the output lags the input (0 when off, one frame otherwise).</summary>
    public abstract int LatencySamples { get; }

    /// <summary>A denoiser for a seed mode name (<c>off</c>, <c>noise-cancellation</c>, <c>noise-and-background-speech-cancellation</c>).</summary>
    public static Denoiser Create(string mode, int sampleRate) => Create(ParseMode(mode), sampleRate);

    public static Denoiser Create(DenoisingMode mode, int sampleRate) => mode switch
    {
        DenoisingMode.Off => new PassThroughDenoiser(sampleRate),
        DenoisingMode.NoiseCancellation or DenoisingMode.NoiseAndBackgroundSpeechCancellation => new SpectralDenoiser(mode, sampleRate),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown denoising mode."),
    };

    /// <summary>Parses a seed mode name (case-insensitive); throws ArgumentException for anything else.</summary>
    public static DenoisingMode ParseMode(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (mode.Equals(OffName, StringComparison.OrdinalIgnoreCase)) return DenoisingMode.Off;
        if (mode.Equals(NoiseCancellationName, StringComparison.OrdinalIgnoreCase)) return DenoisingMode.NoiseCancellation;
        if (mode.Equals(BackgroundSpeechName, StringComparison.OrdinalIgnoreCase)) return DenoisingMode.NoiseAndBackgroundSpeechCancellation;
        throw new ArgumentException($"Unknown denoising mode '{(mode.Length > 64 ? mode[..64] : mode)}'.", nameof(mode));
    }

    /// <summary>Denoises one 20 ms frame (exactly <see cref="FrameSamples"/> samples) in place.</summary>
    public void Process(Span<short> frame)
    {
        if (frame.Length != FrameSamples)
        {
            throw new ArgumentException($"A 20 ms frame holds {FrameSamples} samples, got {frame.Length}.", nameof(frame));
        }
        ProcessFrame(frame);
    }

    /// <summary>Forgets all history (a new call on a reused object).</summary>
    public abstract void Reset();

    private protected abstract void ProcessFrame(Span<short> frame);
}
