namespace Appliance.Audio.Endpointing;

/// <summary>The seed's <c>endpointing_sensitivity</c>.</summary>
public enum EndpointingSensitivity
{
    /// <summary>Wait about 1.5 times the caller's own longest mid-turn pause (or the completion hint when one is given).</summary>
    Auto,
    /// <summary>Wait long: suits callers who pause to think (reading numbers, spelling).</summary>
    Relaxed,
    /// <summary>Answer quickly: ends the turn near <c>min_endpointing_delay</c>.</summary>
    Sensitive,
}
