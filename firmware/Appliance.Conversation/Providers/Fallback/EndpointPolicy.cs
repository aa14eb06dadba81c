namespace Appliance.Conversation.Providers.Fallback;

/// <summary>How an endpoint is guarded. The time to the first result comes from each endpoint's own Timeout.</summary>
public sealed record EndpointPolicy
{
    /// <summary>Consecutive failures (within <see cref="SamplingDuration"/>) that open the circuit; at least 2.</summary>
    public int FailuresToBreak { get; init; } = 3;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit skips the endpoint before one trial request (half-open).</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest silence allowed between two chunks of a stream once it has started.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
