namespace Appliance.Conversation.Providers.Tts;

/// <summary>Text to speak and how.</summary>
/// <param name="Text">The text, usually one sentence of the agent's reply.</param>
/// <param name="SampleRate">Rate of the 16-bit mono frames wanted (8000 for a G.711 call).</param>
public sealed record SpeechRequest(string Text, int SampleRate)
{
    /// <summary>Voice id; the endpoint's configured voice when null.</summary>
    public string? Voice { get; init; }

    /// <summary>Speaking rate, 1.0 normal; providers clamp it to what they support.</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>BCP-47 language of the text, when known.</summary>
    public string? Language { get; init; }

    /// <summary>Lexicon: word → IPA pronunciation.</summary>
    public IReadOnlyDictionary<string, string>? Pronunciations { get; init; }
}
