namespace Appliance.Conversation.Providers.Fallback;

/// <summary>One endpoint tried for a request.</summary>
/// <param name="Error">Exception type and provider message; never the request's content or keys.</param>
public sealed record AttemptReport(string Endpoint, AttemptOutcome Outcome, TimeSpan Elapsed, string? Error = null);

/// <summary>
/// What a stage did for one request, for the call record: which endpoint served it (the degraded
/// provider's name in degraded mode), the time to its first result (token, audio frame or
/// transcript) and to its end, and every attempt on the way.
/// </summary>
public sealed record StageReport(
    ProviderStage Stage,
    string? ServedBy,
    bool Degraded,
    TimeSpan? FirstResult,
    TimeSpan Total,
    IReadOnlyList<AttemptReport> Attempts);
