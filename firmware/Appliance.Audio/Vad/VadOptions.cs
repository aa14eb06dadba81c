namespace Appliance.Audio.Vad;

/// <summary>
/// VAD parameters as the agent configuration carries them. <see cref="Threshold"/> is the
/// Phonic-style 0..1 speech probability; <see cref="MinSilenceDuration"/> is the seed's
/// <c>vad_min_silence_duration</c> (seconds there).
/// </summary>
public sealed record VadOptions
{
    /// <summary>Probability at or above which a frame counts as speech (0..1).</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Audio kept from before the detected speech start, handed to STT with it.</summary>
    public TimeSpan Prebuffer { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Voiced time needed before speech is declared (drops clicks and short bursts).</summary>
    public TimeSpan MinSpeechDuration { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Unvoiced time needed before speech is declared over (<c>vad_min_silence_duration</c>).</summary>
    public TimeSpan MinSilenceDuration { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Throws when a value is out of range; configuration validation calls this too.</summary>
    public void Validate()
    {
        if (!(Threshold >= 0f && Threshold <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold must be within 0..1.");
        }
        CheckDuration(Prebuffer, nameof(Prebuffer), TimeSpan.FromSeconds(5));
        CheckDuration(MinSpeechDuration, nameof(MinSpeechDuration), TimeSpan.FromSeconds(5));
        CheckDuration(MinSilenceDuration, nameof(MinSilenceDuration), TimeSpan.FromSeconds(10));
    }

    /// <summary>Builds options from the seed's field units (seconds), validating them.</summary>
    public static VadOptions FromSeconds(float threshold, double prebufferSeconds, double minSpeechSeconds, double minSilenceSeconds)
    {
        var options = new VadOptions
        {
            Threshold = threshold,
            Prebuffer = SecondsOrThrow(prebufferSeconds, nameof(prebufferSeconds)),
            MinSpeechDuration = SecondsOrThrow(minSpeechSeconds, nameof(minSpeechSeconds)),
            MinSilenceDuration = SecondsOrThrow(minSilenceSeconds, nameof(minSilenceSeconds)),
        };
        options.Validate();
        return options;
    }

    private static TimeSpan SecondsOrThrow(double seconds, string name) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds <= 60
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentOutOfRangeException(name, seconds, "Duration must be a finite number of seconds in 0..60.");

    private static void CheckDuration(TimeSpan value, string name, TimeSpan max)
    {
        if (value < TimeSpan.Zero || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be within 0..{max.TotalSeconds} s.");
        }
    }
}
