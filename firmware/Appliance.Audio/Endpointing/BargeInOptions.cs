namespace Appliance.Audio.Endpointing;

/// <summary>Seed field <c>interruptionSensitivity</c> (0 never interrupts, 1 interrupts at the first sound).</summary>
public sealed record BargeInOptions
{
    /// <summary>Speech the caller must keep up, at sensitivity 0+, before the agent yields.</summary>
    public static readonly TimeSpan LongestRequiredSpeech = TimeSpan.FromSeconds(1.2);

    /// <summary>Gap inside the caller's speech that does not restart the count (a breath between syllables).</summary>
    public static readonly TimeSpan BridgedGap = TimeSpan.FromMilliseconds(120);

    public float InterruptionSensitivity { get; init; } = 0.5f;

    public void Validate()
    {
        if (!(InterruptionSensitivity >= 0f && InterruptionSensitivity <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(InterruptionSensitivity), InterruptionSensitivity, "interruptionSensitivity must be within 0..1.");
        }
    }

    /// <summary>
    /// Voiced time required before an interruption: (1 - sensitivity) x 1.2 s, so at the default 0.5
    /// it is 0.6 s, longer than a "mhm" or a cough (~0.2-0.45 s); null when sensitivity is 0 (never).
    /// </summary>
    public TimeSpan? RequiredSpeech => InterruptionSensitivity <= 0f
        ? null
        : LongestRequiredSpeech * (1 - InterruptionSensitivity);
}
