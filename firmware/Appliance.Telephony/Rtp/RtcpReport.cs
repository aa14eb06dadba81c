namespace Appliance.Telephony.Rtp;

/// <summary>What we learned from one incoming compound RTCP packet.</summary>
public readonly record struct RtcpReport(uint Ssrc, RtcpSenderInfo? Sender, RtcpReportBlock? AboutUs, bool IsBye);
