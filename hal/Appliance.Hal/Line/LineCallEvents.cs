using Appliance.Hal.CallerId;

namespace Appliance.Hal.Line;

/// <summary>Base of the call events: every event names its call.</summary>
public class LineCallEventArgs(string callId) : EventArgs
{
    public string CallId { get; } = callId;
}

/// <summary>A call arrived; the fields a SIP INVITE would give (caller, called number).</summary>
public sealed class IncomingLineCallEventArgs(string callId, CallerIdInfo? callerId, string? calledNumber)
    : LineCallEventArgs(callId)
{
    /// <summary>Caller ID decoded between rings, null when none was received.</summary>
    public CallerIdInfo? CallerId { get; } = callerId;

    public string? CallerNumber => CallerId?.Number;

    /// <summary>This line's own number from configuration (analog lines do not signal it).</summary>
    public string? CalledNumber { get; } = calledNumber;
}

public sealed class LineDtmfEventArgs(string callId, char digit) : LineCallEventArgs(callId)
{
    public char Digit { get; } = digit;
}

public sealed class LineCallEndedEventArgs(string callId, CallEndReason reason, TimeSpan duration)
    : LineCallEventArgs(callId)
{
    public CallEndReason Reason { get; } = reason;

    /// <summary>From answer to end; zero when the call was never answered.</summary>
    public TimeSpan Duration { get; } = duration;
}
