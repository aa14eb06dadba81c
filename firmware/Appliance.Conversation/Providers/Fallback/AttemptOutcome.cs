namespace Appliance.Conversation.Providers.Fallback;

public enum AttemptOutcome
{
    /// <summary>The endpoint delivered the whole result.</summary>
    Served,
    /// <summary>It answered with an error or a malformed body.</summary>
    Failed,
    /// <summary>No first result within the endpoint's timeout, or a stream went silent.</summary>
    TimedOut,
    /// <summary>Skipped: its circuit is open after repeated failures.</summary>
    CircuitOpen,
    /// <summary>It had started delivering, then failed; the next endpoint took over.</summary>
    FailedMidStream,
}
