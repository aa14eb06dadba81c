using System.Net;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Rtp;

/// <summary>Source-generated (allocation-free, AOT-safe) log messages of the media session.</summary>
internal static partial class RtpLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "RTP session bound to {Address}:{Port}")]
    public static partial void Bound(ILogger logger, IPAddress address, int port);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "RTP started: {Codec} pt {PayloadType} to {Remote}, {Direction}")]
    public static partial void Started(ILogger logger, string codec, int payloadType, IPEndPoint remote, Sdp.MediaDirection direction);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "RTP latched to the source actually seen: {Remote}")]
    public static partial void Latched(ILogger logger, IPEndPoint remote);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug, Message = "RTP socket error {Error}")]
    public static partial void SocketError(ILogger logger, System.Net.Sockets.SocketError error);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "DTMF {Digit} not sent: no telephone-event payload type negotiated")]
    public static partial void NoTelephoneEvent(ILogger logger, char digit);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "DtmfReceived handler failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);
}
