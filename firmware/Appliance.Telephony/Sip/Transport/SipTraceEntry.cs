namespace Appliance.Telephony.Sip.Transport;

/// <summary>One traced SIP message: when, which way, over what, with whom, and its (redacted) text.</summary>
public sealed record SipTraceEntry(DateTimeOffset At, bool Outgoing, string Transport, string Remote, string Text);
