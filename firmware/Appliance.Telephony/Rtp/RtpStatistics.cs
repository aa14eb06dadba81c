namespace Appliance.Telephony.Rtp;

/// <summary>A snapshot of one call's media quality, for the call record.</summary>
public sealed record RtpStatistics(
    long PacketsSent,
    long BytesSent,
    long PacketsReceived,
    long BytesReceived,
    long PacketsLost,
    double LossPercent,
    double JitterMs,
    double? RoundTripMs,
    long LatePackets,
    long ConcealedFrames,
    double JitterBufferDelayMs,
    double RFactor,
    double Mos);
