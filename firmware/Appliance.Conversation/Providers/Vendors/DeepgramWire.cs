namespace Appliance.Conversation.Providers.Vendors;

/// <summary>The parts of Deepgram's pre-recorded /v1/listen response we read.</summary>
internal sealed record DeepgramResponse(DeepgramResults? Results);

internal sealed record DeepgramResults(IReadOnlyList<DeepgramChannel>? Channels);

internal sealed record DeepgramChannel(string? DetectedLanguage, IReadOnlyList<DeepgramAlternative>? Alternatives);

internal sealed record DeepgramAlternative(string? Transcript, double? Confidence);
