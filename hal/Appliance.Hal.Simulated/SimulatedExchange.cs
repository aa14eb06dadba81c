using Appliance.Audio.Dtmf;
using Appliance.Audio.Tones;
using Appliance.Hal.CallerId;
using Appliance.Hal.Ring;

namespace Appliance.Hal.Simulated;

/// <summary>
/// The telephone exchange behind the simulated board: rings with a country cadence, sends
/// caller ID, stops ringing and feeds loop current when the box goes off hook, and lets a
/// test or scenario hang up, cut the line or glitch the loop.
/// </summary>
public sealed class SimulatedExchange : IDisposable
{
    /// <summary>Caller ID starts this long after the first ring ends (GR-30: at least 500 ms).</summary>
    public static readonly TimeSpan CallerIdDelay = TimeSpan.FromMilliseconds(500);

    private readonly SimulatedHookSwitch _hook;
    private readonly SimulatedRingDetector _ring;
    private readonly SimulatedLoopCurrentSensor _loop;
    private readonly SimulatedAudioCodec _audio;
    private readonly ITimer _ringTimer;
    private readonly ITimer _relayTimer;
    private readonly Lock _gate = new();
    private readonly List<(bool On, TimeSpan Duration)> _cadenceSteps = [];
    private int _step;
    private int _maxRings;
    private short[]? _fskCallerId;
    private bool _playingTone;
    private readonly DtmfDetector _digitDetector;
    private readonly DtmfDigit[] _heardDigits = new DtmfDigit[4];
    private readonly System.Text.StringBuilder _dialled = new();
    private (TonePlan Plan, OutgoingCallOutcome Outcome, int RingbackCycles, short[] Answer)? _outgoing;
    private bool _collecting;
    private int _framesSinceDigit;

    internal SimulatedExchange(SimulatedHookSwitch hook, SimulatedRingDetector ring, SimulatedLoopCurrentSensor loop, SimulatedAudioCodec audio, TimeProvider time)
    {
        _hook = hook;
        _ring = ring;
        _loop = loop;
        _audio = audio;
        _ringTimer = time.CreateTimer(_ => OnRingStep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _relayTimer = time.CreateTimer(_ => OnRelaySettled(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _digitDetector = new DtmfDetector(audio.SampleRate);
        hook.ContactsMoved += OnContactsMoved;
        audio.Written += OnBoxPlayed;
    }

    /// <summary>The digit run that ends dialling (no new digit for this long).</summary>
    public static readonly TimeSpan InterDigitTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Digits the box dialled on its last outgoing call, as the exchange heard them.</summary>
    public string DialledDigits
    {
        get
        {
            lock (_gate)
            {
                return _dialled.ToString();
            }
        }
    }

    /// <summary>
    /// Scripts the box's next outgoing call: when it goes off hook (not to answer ringing) the exchange
    /// plays <paramref name="plan"/>'s dial tone, collects the DTMF digits the box plays, then plays
    /// ringback (<paramref name="ringbackCycles"/> cycles) and answers with <paramref name="answerAudio"/>
    /// (silence when none), or plays busy, or rings forever, as <paramref name="outcome"/> says.
    /// </summary>
    public void ExpectOutgoingCall(TonePlan plan, OutgoingCallOutcome outcome, int ringbackCycles = 2, short[]? answerAudio = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(ringbackCycles, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ringbackCycles, 20);
        lock (_gate)
        {
            _outgoing = (plan, outcome, ringbackCycles, answerAudio ?? []);
        }
    }

    /// <summary>Time from relay contacts moving to loop current following.</summary>
    public TimeSpan RelayOperateTime { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>False models a cut or missing line: seizing it gives no loop current.</summary>
    public bool LineConnected { get; set; } = true;

    public int RingsSent { get; private set; }

    public bool IsRinging { get; private set; }

    /// <summary>Starts an incoming call: rings until answered or <paramref name="maxRings"/> rings were sent.</summary>
    public void Ring(RingCadenceProfile cadence, CallerIdInfo? callerId = null, CallerIdSignal signal = CallerIdSignal.None, int maxRings = 10)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRings, 1);
        TimeSpan startAfter = TimeSpan.Zero;
        lock (_gate)
        {
            _cadenceSteps.Clear();
            for (int i = 0; i < cadence.Bursts.Count; i++)
            {
                _cadenceSteps.Add((true, cadence.Bursts[i]));
                _cadenceSteps.Add((false, i < cadence.Gaps.Count ? cadence.Gaps[i] : cadence.Pause));
            }

            _step = 0;
            _maxRings = maxRings;
            RingsSent = 0;
            IsRinging = true;
            _fskCallerId = null;
            if (callerId is not null && signal is CallerIdSignal.Bell202 or CallerIdSignal.V23)
            {
                var standard = signal == CallerIdSignal.Bell202 ? FskStandard.Bell202 : FskStandard.V23;
                _fskCallerId = FskModulator.Modulate(CallerIdMessageCodec.Encode(callerId, multipleData: true), standard, _audio.SampleRate, amplitude: 4000);
            }
            else if (callerId?.Number is { } number && signal == CallerIdSignal.Dtmf)
            {
                startAfter = InjectDtmf("A" + number + "C");
            }
        }

        _ringTimer.Change(startAfter + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
    }

    public void StopRinging()
    {
        _ringTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        IsRinging = false;
        _ring.Set(false);
    }

    /// <summary>The caller hangs up: the exchange opens the loop (no more loop current).</summary>
    public void CallerHangsUp()
    {
        StopRinging();
        _loop.Set(false);
    }

    /// <summary>
    /// The far end hangs up but the exchange keeps the loop closed and plays a tone instead (common in
    /// Europe): <paramref name="tone"/> of <paramref name="plan"/> for <paramref name="duration"/>, then
    /// silence. The box must recognise the tone and go on hook by itself; the tone stops when it does.
    /// </summary>
    public void FarEndHangsUpWithTone(TonePlan plan, CallProgressTone tone, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(duration, TimeSpan.FromMinutes(2));
        InjectTone(plan, tone, duration);
        _playingTone = true;
    }

    /// <summary>Restores loop current while off hook (after a glitch).</summary>
    public void RestoreLoopCurrent()
    {
        if (_hook.Contacts == HookState.OffHook && LineConnected)
        {
            _loop.Set(true);
        }
    }

    public void Dispose()
    {
        _hook.ContactsMoved -= OnContactsMoved;
        _audio.Written -= OnBoxPlayed;
        _ringTimer.Dispose();
        _relayTimer.Dispose();
    }

    private TimeSpan InjectDtmf(string keys)
    {
        var generator = new DtmfGenerator(_audio.SampleRate) { ToneDuration = TimeSpan.FromMilliseconds(70), PauseDuration = TimeSpan.FromMilliseconds(70) };
        generator.Enqueue(keys);
        var frame = new short[_audio.FrameSamples];
        int frames = 0;
        while (generator.IsPlaying)
        {
            generator.Fill(frame);
            _audio.InjectCapture(frame);
            frames++;
        }

        return TimeSpan.FromMilliseconds((frames * 20) + 300);
    }

    private void OnRingStep()
    {
        bool on;
        TimeSpan duration;
        short[]? callerId = null;
        lock (_gate)
        {
            if (!IsRinging)
            {
                return;
            }

            (on, duration) = _cadenceSteps[_step];
            bool ringEnds = _step == _cadenceSteps.Count - 1;
            if (ringEnds)
            {
                RingsSent++;
                if (RingsSent == 1)
                {
                    callerId = _fskCallerId;
                }
            }

            _step = (_step + 1) % _cadenceSteps.Count;
            if (ringEnds && RingsSent >= _maxRings)
            {
                IsRinging = false; // the caller gives up after this ring
            }
        }

        _ring.Set(on);
        if (callerId is not null)
        {
            // Silence until the caller-ID delay, then the FSK burst, all inside the pause.
            int silence = (int)(CallerIdDelay.TotalSeconds * _audio.SampleRate) - _audio.PendingCapture;
            _audio.InjectCapture(new short[Math.Max(0, silence)]);
            _audio.InjectCapture(callerId);
        }

        if (IsRinging)
        {
            _ringTimer.Change(duration, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnContactsMoved(HookState contacts)
    {
        if (contacts == HookState.OffHook && !IsRinging)
        {
            StartOutgoing();
        }

        if (contacts == HookState.OffHook)
        {
            StopRinging(); // ring trip
        }
        else if (_playingTone)
        {
            _collecting = false;
            // Going on hook ends the call the exchange was playing its tone into; the rest is never heard.
            _playingTone = false;
            _audio.ClearCapture();
        }

        _relayTimer.Change(RelayOperateTime, Timeout.InfiniteTimeSpan);
    }

    private void StartOutgoing()
    {
        lock (_gate)
        {
            if (_outgoing is not { } call || !LineConnected)
            {
                return;
            }

            _dialled.Clear();
            _digitDetector.Reset();
            _framesSinceDigit = 0;
            _collecting = true;
            _playingTone = true; // whatever plays now stops when the box hangs up
            if (call.Outcome != OutgoingCallOutcome.NoDialTone)
            {
                InjectTone(call.Plan, CallProgressTone.Dial, TimeSpan.FromSeconds(10));
            }
        }
    }

    // Listens to what the box plays while it dials; after the inter-digit timeout the call proceeds.
    private void OnBoxPlayed(ReadOnlySpan<short> frame)
    {
        lock (_gate)
        {
            if (!_collecting || _outgoing is not { } call)
            {
                return;
            }

            int count = _digitDetector.Process(frame, _heardDigits);
            for (int i = 0; i < count; i++)
            {
                if (_dialled.Length == 0)
                {
                    _audio.ClearCapture(); // the first digit stops dial tone
                }

                _dialled.Append(_heardDigits[i].Key);
                _framesSinceDigit = 0;
            }

            if (_dialled.Length == 0 || ++_framesSinceDigit * 20 < InterDigitTimeout.TotalMilliseconds)
            {
                return;
            }

            _collecting = false;
            _outgoing = null; // one call per script
            var ringback = call.Plan[CallProgressTone.Ringback];
            switch (call.Outcome)
            {
                case OutgoingCallOutcome.Busy:
                    InjectTone(call.Plan, CallProgressTone.Busy, TimeSpan.FromSeconds(20));
                    break;
                case OutgoingCallOutcome.NoAnswer:
                    InjectTone(call.Plan, CallProgressTone.Ringback, TimeSpan.FromSeconds(60));
                    break;
                default:
                    InjectTone(call.Plan, CallProgressTone.Ringback, TimeSpan.FromMilliseconds(ringback.CycleMs * call.RingbackCycles));
                    _audio.InjectCapture(call.Answer);
                    break;
            }
        }
    }

    private void InjectTone(TonePlan plan, CallProgressTone tone, TimeSpan duration)
    {
        var samples = new short[(int)(duration.TotalSeconds * _audio.SampleRate)];
        new ToneGenerator(plan[tone], _audio.SampleRate).Fill(samples);
        _audio.InjectCapture(samples);
    }

    private void OnRelaySettled() => _loop.Set(_hook.Contacts == HookState.OffHook && LineConnected);
}
