using Appliance.Audio.Dtmf;
using Appliance.Audio.Tones;

namespace Appliance.Hal.Line;

/// <summary>
/// Outgoing calls: off hook, wait for dial tone, send the digits as DTMF (through the audio pump,
/// <see cref="FillDialFrame"/>), then listen to the exchange. Busy or reorder ends the call; ringback
/// keeps it waiting. An analog line gives no answer signal, so the call counts as answered once
/// ringback has been heard and then stops for <see cref="AnalogLineOptions.AnswerQuiet"/> (whatever
/// follows, voice or silence); the exchange's ringback detector needs its cadence to break first,
/// so after a silent answer this can take up to one ringback pause longer.
/// </summary>
public sealed partial class AnalogLine
{
    private const int MaxDigits = 32;
    private readonly CallProgressToneDetector _progress;
    private string _number = "";
    private DtmfGenerator? _dialer; // touched only on the audio thread
    private bool _heardRingback;
    private int _quietSamples;

    /// <summary>
    /// Starts an outgoing call to <paramref name="number"/> (digits, * and #; spaces, dashes, dots,
    /// brackets and a leading + are ignored). Returns the call id, or null when the line is not idle.
    /// </summary>
    public string? Dial(string number)
    {
        var digits = DialDigits(number);
        lock (_gate)
        {
            if (_state != LineState.Idle)
            {
                return null;
            }

            _callId = "line-" + Guid.NewGuid().ToString("N");
            _number = digits;
            _callerId = null;
            _heardRingback = false;
            _quietSamples = 0;
            SetStateLocked(LineState.Dialing);
            _board.Hook.SetHook(HookState.OffHook);
            ArmLocked(_options.DialToneTimeout);
            return _callId;
        }
    }

    /// <summary>While dialling, fills the next outgoing frame with the digits' DTMF; false otherwise.</summary>
    public bool FillDialFrame(Span<short> frame)
    {
        if (State != LineState.Dialing || _dialer is not { IsPlaying: true } dialer)
        {
            return false;
        }

        dialer.Fill(frame);
        return true;
    }

    private static string DialDigits(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return TryDialKeys(number, out var keys, out var problem) ? keys : throw new ArgumentException("number: " + problem, nameof(number));
    }

    /// <summary>
    /// The keys to dial for a number: digits, * and #, with spaces, dashes, dots, brackets and a leading +
    /// dropped ("+1 (555) 010-9" → "15550109"); false with the reason for anything else, for no digits
    /// or for more than 32.
    /// </summary>
    public static bool TryDialKeys(string number, out string keys, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(number);
        keys = "";
        var buffer = new char[Math.Min(number.Length, MaxDigits + 1)];
        int count = 0;
        for (int i = 0; i < number.Length; i++)
        {
            char c = number[i];
            if (c is ' ' or '-' or '.' or '(' or ')' || (c == '+' && i == 0))
            {
                continue;
            }

            if (!(char.IsAsciiDigit(c) || c is '*' or '#'))
            {
                problem = $"'{c}' cannot be dialled on an analog line";
                return false;
            }

            if (count == MaxDigits)
            {
                problem = $"more than {MaxDigits} digits";
                return false;
            }

            buffer[count++] = c;
        }

        if (count == 0)
        {
            problem = "no digits to dial";
            return false;
        }

        keys = new string(buffer, 0, count);
        problem = null;
        return true;
    }

    private void ListenOutgoing(ReadOnlySpan<short> frame)
    {
        _progress.Process(frame);
        var heard = _progress.Detected;
        LineCallEventArgs? answered = null;
        LineCallEndedEventArgs? ended = null;
        lock (_gate)
        {
            if (_state == LineState.Dialing)
            {
                DialLocked(heard);
            }
            else if (_state == LineState.Calling)
            {
                if (heard is CallProgressTone.Busy or CallProgressTone.Reorder)
                {
                    ended = EndCallLocked(CallEndReason.Busy);
                }
                else if (heard == CallProgressTone.Ringback)
                {
                    _heardRingback = true;
                    _quietSamples = 0;
                }
                else if (_heardRingback && (_quietSamples += frame.Length) >= _options.AnswerQuiet.TotalSeconds * _board.Audio.SampleRate)
                {
                    DisarmLocked();
                    SetStateLocked(LineState.InCall);
                    _answeredAt = _time.GetUtcNow();
                    answered = new LineCallEventArgs(_callId);
                }
            }
        }

        if (answered is not null)
        {
            Answered?.Invoke(this, answered);
        }

        Raise(ended);
    }

    private void DialLocked(CallProgressTone heard)
    {
        if (_number.Length > 0)
        {
            if (heard == CallProgressTone.Dial)
            {
                DisarmLocked(); // dial tone came; the digits take as long as they take
                var dialer = new DtmfGenerator(_board.Audio.SampleRate); // once per call: a fresh queue
                dialer.Enqueue(_number);
                _number = "";
                _dialer = dialer;
            }
        }
        else if (_dialer is { IsPlaying: false })
        {
            // The last digit went out: from here on the exchange answers with call progress.
            _dialer = null;
            _progress.Reset();
            SetStateLocked(LineState.Calling);
            ArmLocked(_options.AnswerTimeout);
        }
    }
}
