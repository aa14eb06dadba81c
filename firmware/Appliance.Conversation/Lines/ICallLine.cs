using Appliance.Configuration.Model;

namespace Appliance.Conversation.Lines;

/// <summary>
/// One answered call's line, whatever carries it (a SIP dialog with RTP, or the analog line through
/// the HAL): 20 ms frames of 8 kHz 16-bit mono in and out, DTMF, transfer and hang-up. The call
/// session sees only this, so it does not care which line a call came on.
/// </summary>
public interface ICallLine
{
    string CallId { get; }

    /// <summary>"sip" or "analog" (the call record's line).</summary>
    string Kind { get; }

    string? CallerNumber { get; }

    string? CalledNumber { get; }

    /// <summary>Copies the next received 20 ms frame (160 samples); false when none is due.</summary>
    bool TryReadFrame(Span<short> frame);

    /// <summary>Sends one 20 ms frame (160 samples) to the caller.</summary>
    void WriteFrame(ReadOnlySpan<short> frame);

    Task SendDtmfAsync(string digits, CancellationToken cancellationToken);

    /// <summary>Blind transfer to a number, tel: or sip: URI; true when the far end took the call.</summary>
    Task<bool> TransferAsync(string target, CancellationToken cancellationToken);

    /// <summary>
    /// Places the consultation call of a warm transfer (on SIP through the PBX/trunk the call came
    /// from) and waits until it is answered: the answered line, or null when the target does not
    /// answer or refuses, or this kind of line cannot consult (the default).
    /// </summary>
    Task<ICallLine?> ConsultAsync(string target, CancellationToken cancellationToken) => Task.FromResult<ICallLine?>(null);

    /// <summary>
    /// Completes a warm transfer: the caller is joined to <paramref name="consultation"/> (on SIP a
    /// REFER with Replaces); true when the far end took the call, false otherwise (the default).
    /// </summary>
    Task<bool> CompleteTransferAsync(ICallLine consultation, CancellationToken cancellationToken) => Task.FromResult(false);

    Task HangUpAsync();

    /// <summary>A DTMF digit from the caller (RFC 4733, SIP INFO or in-band on analog).</summary>
    event Action<char>? DtmfReceived;

    /// <summary>The line ended (the caller hung up, the dialog failed...), with a reason.</summary>
    event Action<string>? Ended;

    /// <summary>Media quality so far, when the line measures it.</summary>
    CallQuality? Quality { get; }
}
