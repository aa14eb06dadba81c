namespace Appliance.Telephony.Sip.Auth;

/// <summary>What an inbound request's digest credentials are worth.</summary>
public enum DigestOutcome
{
    /// <summary>No credentials: send a challenge.</summary>
    Missing,
    /// <summary>Right format but an expired or unknown nonce: challenge again with stale=true.</summary>
    Stale,
    Accepted,
    /// <summary>Wrong password, unknown user, replayed nonce count...: 403, with the reason in the log.</summary>
    Refused,
}

/// <summary>The outcome, the user it was about (when known) and why, for the log.</summary>
public readonly record struct DigestVerdict(DigestOutcome Outcome, string? User, string Reason);
