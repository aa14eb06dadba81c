namespace Appliance.Conversation.Providers.Stt;

/// <summary>What a caller turn is transcribed with.</summary>
/// <param name="SampleRate">Rate of the 16-bit mono frames fed to the turn (8000 or 16000 on a call).</param>
/// <param name="Language">BCP-47 language, or null to let the provider detect it.</param>
/// <param name="Keywords">Boosted keywords (names, products) the provider should favour.</param>
/// <param name="Mode">Fast or accurate model.</param>
public sealed record SttOptions(
    int SampleRate,
    string? Language = null,
    IReadOnlyList<string>? Keywords = null,
    SttMode Mode = SttMode.Fast);
