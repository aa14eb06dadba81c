using Appliance.Audio.Dtmf;
using Appliance.Configuration.Model;
using Appliance.Hal.Line;

namespace Appliance.Conversation.Lines;

/// <summary>
/// An answered call on the analog (FXO) line as a call line: frames through the line's
/// <see cref="LineAudioPump"/> (8 kHz, one 20 ms frame each way per pump step), DTMF heard on the line,
/// hang-up = on hook. Transfer uses the exchange's hook flash: blind = flash, dial the target's digits,
/// go on hook; warm = flash and dial (<see cref="ConsultAsync"/> returns the same pair of wires as the
/// consultation leg; hanging that up flashes back to the caller), then on hook to join them.
/// An analog line has no answer supervision, so the consultation counts as answered once dialled.
/// </summary>
public sealed class AnalogCallLine : ICallLine
{
    private static readonly TimeSpan DialToneWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PlayedWaitSlack = TimeSpan.FromMilliseconds(60); // per queued 20 ms frame
    private readonly ILineCallSource _line;
    private readonly LineAudioPump _pump;
    private readonly TimeProvider _time;
    private readonly AnalogCallLine? _caller; // set on a consultation leg: the call it was placed from
    private int _ended;

    public AnalogCallLine(ILineCallSource line, LineAudioPump pump, IncomingLineCallEventArgs call, TimeProvider time)
        : this(line, pump, call.CallId, call.CallerNumber, call.CalledNumber, time, caller: null)
    {
    }

    /// <summary>
    /// An outgoing call the line dialled and that was answered: the far end is <paramref name="to"/>
    /// (the session's "caller" number, as on an outgoing SIP call), this line is <paramref name="lineNumber"/>.
    /// </summary>
    public static AnalogCallLine ForOutgoing(ILineCallSource line, LineAudioPump pump, string callId, string to, string? lineNumber, TimeProvider time) =>
        new(line, pump, callId, to, lineNumber, time, caller: null);

    private AnalogCallLine(ILineCallSource line, LineAudioPump pump, string callId, string? callerNumber, string? calledNumber,
        TimeProvider time, AnalogCallLine? caller)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(pump);
        if (pump.FrameSamples != 160)
        {
            throw new ArgumentException("call lines carry 8 kHz audio; the line codec must run at 8000 Hz", nameof(pump));
        }
        _line = line;
        _pump = pump;
        _time = time;
        _caller = caller;
        CallId = callId;
        CallerNumber = callerNumber;
        CalledNumber = calledNumber;
        var lineCallId = caller?.CallId ?? callId;
        _line.DtmfReceived += (_, e) =>
        {
            if (e.CallId == lineCallId)
            {
                DtmfReceived?.Invoke(e.Digit);
            }
        };
        _line.CallEnded += (_, e) =>
        {
            if (e.CallId == lineCallId && Interlocked.Exchange(ref _ended, 1) == 0)
            {
                Ended?.Invoke(e.Reason.ToString());
            }
        };
    }

    public string CallId { get; }

    public string Kind => TelephonyProviders.Analog;

    public string? CallerNumber { get; }

    public string? CalledNumber { get; }

    /// <summary>True once the line has ended (or, for a consultation, was dropped or joined).</summary>
    public bool HasEnded => Volatile.Read(ref _ended) == 1;

    public event Action<char>? DtmfReceived;

    public event Action<string>? Ended;

    public CallQuality? Quality => null;

    public bool TryReadFrame(Span<short> frame) => _pump.TryReadCaptured(frame);

    public void WriteFrame(ReadOnlySpan<short> frame) => _pump.TryQueuePlayback(frame);

    public async Task SendDtmfAsync(string digits, CancellationToken cancellationToken)
    {
        var generator = new DtmfGenerator();
        generator.Enqueue(digits);
        var frame = new short[_pump.FrameSamples];
        long played = _pump.FramesPlayed;
        while (generator.IsPlaying && !HasEnded)
        {
            generator.Fill(frame);
            // The playback queue is short: wait for the pump to play a frame rather than drop digits.
            while (!_pump.TryQueuePlayback(frame) && !HasEnded)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
            }
            played++;
        }
        // Return once the last digit has gone out, so a transfer does not hang up over it; bounded
        // (the queue's length plus slack) so a stalled pump cannot hold the transfer forever.
        var deadline = _time.GetUtcNow() + (PlayedWaitSlack * Math.Max(1, played - _pump.FramesPlayed));
        while (_pump.FramesPlayed < played && !HasEnded && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> TransferAsync(string target, CancellationToken cancellationToken)
    {
        if (!await FlashAndDialAsync(target, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        _line.HangUp(); // on hook: the exchange connects the caller to the dialled party
        return true;
    }

    public async Task<ICallLine?> ConsultAsync(string target, CancellationToken cancellationToken) =>
        _caller is null && await FlashAndDialAsync(target, cancellationToken).ConfigureAwait(false)
            ? new AnalogCallLine(_line, _pump, CallId + "-consult", CallerNumber, Dialable(target), _time, this)
            : null;

    public Task<bool> CompleteTransferAsync(ICallLine consultation, CancellationToken cancellationToken)
    {
        if (consultation is not AnalogCallLine consult || consult._caller != this || HasEnded)
        {
            return Task.FromResult(false);
        }
        consult.Release();
        _line.HangUp();
        return Task.FromResult(true);
    }

    public Task HangUpAsync()
    {
        if (_caller is null)
        {
            _line.HangUp();
        }
        else if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            // Dropping the consultation: a second flash returns to the held caller.
            _line.Flash();
            Ended?.Invoke("consultation dropped");
        }
        return Task.CompletedTask;
    }

    private void Release() => Interlocked.Exchange(ref _ended, 1);

    private async Task<bool> FlashAndDialAsync(string target, CancellationToken cancellationToken)
    {
        var digits = Dialable(target);
        if (digits.Length == 0 || HasEnded || !_line.Flash())
        {
            return false;
        }
        _pump.ClearPlayback();
        // The flash itself plus the exchange's recall dial tone before the first digit.
        await Task.Delay(DialToneWait, _time, cancellationToken).ConfigureAwait(false);
        await SendDtmfAsync(digits, cancellationToken).ConfigureAwait(false);
        return !HasEnded;
    }

    /// <summary>The keys to dial for a number, tel: URI or extension ("+1 555-0100" → "15550100"); none for sip: URIs or what cannot be dialled.</summary>
    internal static string Dialable(string target)
    {
        if (target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }
        var number = target.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? target[4..] : target;
        return AnalogLine.TryDialKeys(number, out var keys, out _) ? keys : "";
    }
}
