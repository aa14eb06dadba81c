namespace Appliance.Telephony.Sip.UserAgent;

public enum SipCallState
{
    /// <summary>Incoming INVITE waiting for the application's decision, or our INVITE not yet answered.</summary>
    Offering,
    /// <summary>200 OK sent, ACK not yet received.</summary>
    Answering,
    Established,
    Ended,
}

/// <summary>Why a call ended, for the call record: a short cause, the SIP status involved and free text.</summary>
public sealed record SipCallEndReason(string Cause, int StatusCode, string? Detail = null)
{
    public static SipCallEndReason RemoteHangup { get; } = new("remote-bye", 200);
    public static SipCallEndReason LocalHangup { get; } = new("local-bye", 200);
    public static SipCallEndReason Cancelled { get; } = new("cancelled", 487);
}
