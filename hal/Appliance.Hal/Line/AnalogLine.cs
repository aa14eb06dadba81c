using Appliance.Audio.Dtmf;
using Appliance.Audio.Tones;
using Appliance.Hal.CallerId;
using Appliance.Hal.Ring;

namespace Appliance.Hal.Line;

/// <summary>
/// The FXO state machine: counts rings, hears caller ID between them, answers, watches the
/// call for hang-up (loop current, disconnect tone, silence) and always ends on hook.
/// Inputs arrive on GPIO, timer and audio threads; one lock orders transitions, and events
/// are raised after it is released. Hook writes stay inside the lock because their order is
/// what keeps the line safe, and a GPIO line write does not block.
/// </summary>
public sealed partial class AnalogLine : IAnalogLine, IDisposable
{
    private static readonly TimeSpan PreRingCallerIdAge = TimeSpan.FromSeconds(5);
    private readonly IBoard _board;
    private readonly AnalogLineOptions _options;
    private readonly TimeProvider _time;
    private readonly RingCadenceDetector _cadence;
    private readonly CallerIdListener _callerIdListener;
    private readonly InCallListener _inCallListener;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private volatile LineState _state;
    private DateTimeOffset? _deadline; // when the armed timeout is due; null when none is
    private string _callId = "";
    private CallerIdInfo? _callerId;
    private DateTimeOffset _callerIdAt;
    private DateTimeOffset _answeredAt;
    private CallEndReason _endReason;

    public AnalogLine(IBoard board, AnalogLineOptions options, TimeProvider time, IDisconnectToneDetector? disconnectTone = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _board = board;
        _options = options;
        _time = time;
        _cadence = new RingCadenceDetector(options.Cadence, time);
        _callerIdListener = new CallerIdListener(board.Audio.SampleRate);
        _inCallListener = new InCallListener(board.Audio.SampleRate, options, disconnectTone);
        _progress = new CallProgressToneDetector(options.Tones, board.Audio.SampleRate);
        _dialer = new DtmfGenerator(board.Audio.SampleRate);
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _cadence.RingingStarted += OnRingingStarted;
        _cadence.RingCompleted += OnRingCompleted;
        _cadence.RingingStopped += OnRingingStopped;
        board.Ring.Edge += OnRingEdge;
        board.LoopCurrent.Changed += OnLoopCurrentChanged;
        board.Hook.SetHook(HookState.OnHook);
    }

    public event EventHandler<IncomingLineCallEventArgs>? IncomingCall;

    public event EventHandler<LineCallEventArgs>? Answered;

    public event EventHandler<LineDtmfEventArgs>? DtmfReceived;

    public event EventHandler<LineCallEndedEventArgs>? CallEnded;

    public LineState State => _state;

    /// <summary>
    /// Raised on every state change, inside the line's lock so changes arrive in order:
    /// handlers must be quick and must not call back into the line (LEDs, status pages).
    /// </summary>
    public event Action<LineState>? StateChanged;

    /// <summary>Caller ID of the ringing or current call, when one was received.</summary>
    public CallerIdInfo? CallerId
    {
        get
        {
            lock (_gate)
            {
                return _callerId;
            }
        }
    }

    public void HangUp()
    {
        LineCallEndedEventArgs? ended;
        lock (_gate)
        {
            ended = EndCallLocked(CallEndReason.LocalHangup);
        }

        Raise(ended);
    }

    public bool Flash()
    {
        lock (_gate)
        {
            if (_state != LineState.InCall)
            {
                return false;
            }

            SetStateLocked(LineState.Flashing);
            _board.Hook.SetHook(HookState.OnHook);
            ArmLocked(_options.FlashDuration);
            return true;
        }
    }

    public void ProcessCapturedFrame(ReadOnlySpan<short> frame)
    {
        switch (State)
        {
            case LineState.Idle or LineState.Ringing:
                if (_callerIdListener.Process(frame) is { } callerId)
                {
                    lock (_gate)
                    {
                        _callerId = callerId;
                        _callerIdAt = _time.GetUtcNow();
                    }
                }

                break;
            case LineState.InCall:
                ListenInCall(frame);
                break;
            case LineState.Dialing or LineState.Calling:
                ListenOutgoing(frame);
                break;
            default:
                break;
        }
    }

    public void Dispose()
    {
        _board.Ring.Edge -= OnRingEdge;
        _board.LoopCurrent.Changed -= OnLoopCurrentChanged;
        _timer.Dispose();
        _cadence.Dispose();
    }

    private void ListenInCall(ReadOnlySpan<short> frame)
    {
        var end = _inCallListener.Process(frame);
        foreach (var key in _inCallListener.Keys)
        {
            DtmfReceived?.Invoke(this, new LineDtmfEventArgs(_callId, key.Key));
        }

        if (end is { } reason)
        {
            LineCallEndedEventArgs? ended;
            lock (_gate)
            {
                ended = EndCallLocked(reason);
            }

            Raise(ended);
        }
    }

    private void OnRingEdge(RingEdge edge)
    {
        var state = State;
        if (state is LineState.Idle or LineState.Ringing)
        {
            _cadence.OnEdge(edge);
            return;
        }

        if (!edge.Ringing || state != LineState.InCall)
        {
            return; // ring trip right after answering, or the end of a ring during a flash
        }

        LineCallEndedEventArgs? ended;
        lock (_gate)
        {
            ended = EndCallLocked(CallEndReason.UnexpectedRing);
        }

        Raise(ended);
    }

    private void OnRingingStarted()
    {
        lock (_gate)
        {
            if (_state == LineState.Idle)
            {
                // Caller ID sent before the first ring (ETSI, DTMF) arrives a second or two
                // ahead; anything older belongs to no call.
                if (_time.GetUtcNow() - _callerIdAt > PreRingCallerIdAge)
                {
                    _callerId = null;
                }

                SetStateLocked(LineState.Ringing);
            }
        }
    }

    private void OnRingCompleted(int ring)
    {
        IncomingLineCallEventArgs? incoming = null;
        lock (_gate)
        {
            if (_state == LineState.Ringing && ring >= _options.AnswerAfterRings)
            {
                _callId = "line-" + Guid.NewGuid().ToString("N");
                incoming = new IncomingLineCallEventArgs(_callId, _callerId, _options.LineNumber);
                SetStateLocked(LineState.Answering);
                _board.Hook.SetHook(HookState.OffHook);
                ArmLocked(_options.SeizeTimeout);
            }
        }

        if (incoming is not null)
        {
            IncomingCall?.Invoke(this, incoming);
        }
    }

    private void OnRingingStopped()
    {
        lock (_gate)
        {
            if (_state == LineState.Ringing)
            {
                EnterIdleLocked();
            }
        }
    }

    private void OnLoopCurrentChanged(bool present, DateTimeOffset at)
    {
        LineCallEventArgs? answered = null;
        LineCallEndedEventArgs? ended = null;
        lock (_gate)
        {
            switch (_state)
            {
                case LineState.Answering when present:
                    SetStateLocked(LineState.InCall);
                    _answeredAt = at;
                    answered = new LineCallEventArgs(_callId);
                    break;
                case LineState.InCall when present:
                    DisarmLocked(); // a glitch, not a hang-up
                    break;
                case LineState.InCall:
                    ArmLocked(_options.LoopDropConfirm);
                    break;
                case LineState.HangingUp when !present:
                    ended = FinishLocked(_endReason);
                    break;
                case LineState.Dialing or LineState.Calling when !present:
                    ended = EndCallLocked(CallEndReason.LoopCurrentDropped); // no glitch window: no call is up yet
                    break;
                case LineState.Fault when !present:
                    EnterIdleLocked(); // the relay opened after all
                    break;
                default:
                    break;
            }
        }

        if (answered is not null)
        {
            Answered?.Invoke(this, answered);
        }

        Raise(ended);
    }

    private void OnTimer()
    {
        LineCallEndedEventArgs? ended = null;
        lock (_gate)
        {
            // A callback already queued when the timeout was disarmed is stale.
            if (_deadline is not { } due)
            {
                return;
            }

            // System timers may fire a little before the clock reaches the deadline (or this is a
            // callback of an earlier arming): wait for the rest rather than drop the timeout.
            var early = due - _time.GetUtcNow();
            if (early > TimeSpan.Zero)
            {
                _timer.Change(early, Timeout.InfiniteTimeSpan);
                return;
            }

            _deadline = null;
            switch (_state)
            {
                case LineState.Answering:
                    ended = EndCallLocked(CallEndReason.NoLoopCurrent);
                    break;
                case LineState.InCall when !_board.LoopCurrent.IsPresent:
                    ended = EndCallLocked(CallEndReason.LoopCurrentDropped);
                    break;
                case LineState.Dialing:
                    ended = EndCallLocked(CallEndReason.NoDialTone);
                    break;
                case LineState.Calling:
                    ended = EndCallLocked(CallEndReason.NoAnswer);
                    break;
                case LineState.Flashing:
                    SetStateLocked(LineState.InCall);
                    _board.Hook.SetHook(HookState.OffHook);
                    ArmLocked(_options.SeizeTimeout); // loop current must come back
                    break;
                case LineState.HangingUp:
                    SetStateLocked(LineState.Fault);
                    ended = new LineCallEndedEventArgs(_callId, CallEndReason.RelayStuck, CallDurationLocked());
                    break;
                default:
                    break;
            }
        }

        Raise(ended);
    }

    /// <summary>Goes on hook; the call ends once loop current confirms the relay opened.</summary>
    private LineCallEndedEventArgs? EndCallLocked(CallEndReason reason)
    {
        if (_state is not (LineState.Answering or LineState.InCall or LineState.Flashing or LineState.Dialing or LineState.Calling))
        {
            return null;
        }

        _board.Hook.SetHook(HookState.OnHook);
        _endReason = reason;
        if (!_board.LoopCurrent.IsPresent)
        {
            return FinishLocked(reason);
        }

        SetStateLocked(LineState.HangingUp);
        ArmLocked(_options.ReleaseTimeout);
        return null;
    }

    private LineCallEndedEventArgs FinishLocked(CallEndReason reason)
    {
        var ended = new LineCallEndedEventArgs(_callId, reason, CallDurationLocked());
        EnterIdleLocked();
        return ended;
    }

    private TimeSpan CallDurationLocked() =>
        _answeredAt == default ? TimeSpan.Zero : _time.GetUtcNow() - _answeredAt;

    private void EnterIdleLocked()
    {
        DisarmLocked();
        SetStateLocked(LineState.Idle);
        _cadence.Reset();
        _callerIdListener.Reset();
        _callerId = null;
        _answeredAt = default;
    }

    private void SetStateLocked(LineState state)
    {
        if (state == LineState.InCall && _state != LineState.Flashing)
        {
            _inCallListener.Reset();
        }

        if (_state != state)
        {
            _state = state;
            StateChanged?.Invoke(state);
        }
    }

    private void ArmLocked(TimeSpan due)
    {
        _deadline = _time.GetUtcNow() + due;
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void DisarmLocked()
    {
        _deadline = null;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Raise(LineCallEndedEventArgs? ended)
    {
        if (ended is not null)
        {
            CallEnded?.Invoke(this, ended);
        }
    }
}
