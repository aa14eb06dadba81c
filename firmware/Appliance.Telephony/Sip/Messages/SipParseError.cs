namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// Why a message was refused. <see cref="StatusCode"/> is the response a request deserves (400, 413,
/// 505...); it is only sent when the parser could still return the message's routing headers.
/// </summary>
public readonly record struct SipParseError(int StatusCode, string Reason)
{
    public static SipParseError None => default;
}
