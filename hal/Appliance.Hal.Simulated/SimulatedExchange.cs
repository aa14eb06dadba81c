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

    internal SimulatedExchange(SimulatedHookSwitch hook, SimulatedRingDetector ring, SimulatedLoopCurrentSensor loop, SimulatedAudioCodec audio, TimeProvider time)
    {
        _hook = hook;
        _ring = ring;
        _loop = loop;
        _audio = audio;
        _ringTimer = time.CreateTimer(_ => OnRingStep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _relayTimer = time.CreateTimer(_ => OnRelaySettled(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        hook.ContactsMoved += OnContactsMoved;
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
        var generator = new ToneGenerator(plan[tone], _audio.SampleRate);
        var samples = new short[(int)(duration.TotalSeconds * _audio.SampleRate)];
        generator.Fill(samples);
        _audio.InjectCapture(samples);
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
        if (contacts == HookState.OffHook)
        {
            StopRinging(); // ring trip
        }
        else if (_playingTone)
        {
            // Going on hook ends the call the exchange was playing its tone into; the rest is never heard.
            _playingTone = false;
            _audio.ClearCapture();
        }

        _relayTimer.Change(RelayOperateTime, Timeout.InfiniteTimeSpan);
    }

    private void OnRelaySettled() => _loop.Set(_hook.Contacts == HookState.OffHook && LineConnected);
}
