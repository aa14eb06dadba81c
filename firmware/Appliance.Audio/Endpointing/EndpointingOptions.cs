namespace Appliance.Audio.Endpointing;

/// <summary>
/// Seed fields <c>min_endpointing_delay</c> (default 0.1 s), <c>max_endpointing_delay</c>
/// (default 2.0 s) and <c>endpointing_sensitivity</c>.
/// </summary>
public sealed record EndpointingOptions
{
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(0.1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2.0);

    public EndpointingSensitivity Sensitivity { get; init; } = EndpointingSensitivity.Auto;

    public void Validate()
    {
        if (MinDelay < TimeSpan.Zero || MinDelay > TimeSpan.FromSeconds(10))
        {
            throw new ArgumentOutOfRangeException(nameof(MinDelay), MinDelay, "min_endpointing_delay must be within 0..10 s.");
        }
        if (MaxDelay < MinDelay || MaxDelay > TimeSpan.FromSeconds(30))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "max_endpointing_delay must be within min_endpointing_delay..30 s.");
        }
        if (!Enum.IsDefined(Sensitivity))
        {
            throw new ArgumentOutOfRangeException(nameof(Sensitivity), Sensitivity, "Unknown endpointing_sensitivity.");
        }
    }

    /// <summary>Parses the seed's string form (auto|relaxed|sensitive, case-insensitive).</summary>
    public static EndpointingSensitivity ParseSensitivity(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "AUTO" or null or "" => EndpointingSensitivity.Auto,
        "RELAXED" => EndpointingSensitivity.Relaxed,
        "SENSITIVE" => EndpointingSensitivity.Sensitive,
        _ => throw new ArgumentException("endpointing_sensitivity must be auto, relaxed or sensitive.", nameof(value)),
    };
}
