namespace Appliance.Conversation.Providers.Stt;

/// <summary>The result of one caller turn.</summary>
/// <param name="Text">What the caller said; empty when nothing was understood.</param>
/// <param name="Language">Language the provider reports, when it does.</param>
/// <param name="Confidence">0..1 when the provider reports it.</param>
public sealed record Transcript(string Text, string? Language = null, double? Confidence = null)
{
    /// <summary>True when no STT could run (degraded mode): the turn's audio is all there is.</summary>
    public bool Unavailable { get; init; }

    public static Transcript None { get; } = new(string.Empty) { Unavailable = true };
}
