namespace Appliance.Hal.Line;

/// <summary>
/// A phone line as the conversation engine sees it: the same events a SIP call gives, so the
/// engine does not care which kind of line a call came on. Events are raised on HAL threads
/// (timer, GPIO or audio) and must be handled quickly.
/// </summary>
public interface ILineCallSource
{
    event EventHandler<IncomingLineCallEventArgs>? IncomingCall;

    event EventHandler<LineCallEventArgs>? Answered;

    event EventHandler<LineDtmfEventArgs>? DtmfReceived;

    event EventHandler<LineCallEndedEventArgs>? CallEnded;

    /// <summary>Ends the current call (the conversation is over).</summary>
    void HangUp();

    /// <summary>Hook flash for transfer / recall; false when no call is up.</summary>
    bool Flash();
}

/// <summary>The analog (FXO) line: call events plus its state.</summary>
public interface IAnalogLine : ILineCallSource
{
    LineState State { get; }

    /// <summary>
    /// Every captured 20 ms frame from the line codec must be passed here by whoever reads
    /// <see cref="IAudioCodec"/> (caller ID, DTMF, disconnect tone and silence are heard here).
    /// </summary>
    void ProcessCapturedFrame(ReadOnlySpan<short> frame);

    /// <summary>Starts an outgoing call from Idle; returns its call id, or null when the line is busy.</summary>
    string? Dial(string number);

    /// <summary>While dialling, fills the next frame to play with the digits' DTMF; false otherwise.</summary>
    bool FillDialFrame(Span<short> frame);
}
