namespace Appliance.Telephony.Rtp;

/// <summary>A DTMF digit received by RFC 4733, reported once per event (its RTP timestamp identifies it).</summary>
public readonly record struct DtmfEvent(char Digit, TimeSpan Duration, uint RtpTimestamp);
