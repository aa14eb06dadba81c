using Appliance.Audio.Tones;
using Appliance.Hal;
using Appliance.Hal.CallerId;
using Appliance.Hal.Leds;
using Appliance.Hal.Line;
using Appliance.Hal.Ring;
using Appliance.Hal.Simulated;
using Appliance.HilRig.Responders;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.HilRig.Targets;

/// <summary>
/// The box in-process on the simulated board, on a fake clock: a scenario of minutes runs in
/// milliseconds and always the same way. Audio moves through the same <see cref="LineAudioPump"/>
/// a real service uses, stepped once per 20 ms of fake time.
/// </summary>
public sealed class SimulatedRigTarget : IRigTarget
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly SimulatedBoard _board;
    private readonly AnalogLine _line;
    private readonly LineStatusIndicator _indicator;
    private readonly ICallResponder _responder;
    private readonly RingCadenceProfile _cadence;
    private readonly TonePlan _tones;
    private readonly List<RigEvent> _events = [];
    private readonly LineAudioPump _pump;
    private readonly short[] _captured;
    private readonly short[] _played;

    public SimulatedRigTarget(string country, int answerAfterRings, ICallResponder? responder = null)
    {
        _cadence = RingCadenceProfile.ForCountry(country);
        _tones = TonePlan.ForCountry(country) ?? throw new ArgumentException($"no call-progress tone plan for country '{country}'", nameof(country));
        _board = new SimulatedBoard(_time);
        _line = new AnalogLine(_board, new AnalogLineOptions { Cadence = _cadence, AnswerAfterRings = answerAfterRings }, _time,
            new ExchangeToneDisconnectDetector(_tones, _board.Audio.SampleRate));
        _indicator = new LineStatusIndicator(_board.Leds, _line);
        _indicator.BootCompleted();
        _indicator.SetLineReady(true);
        _responder = responder ?? new ToneResponder(_board.Audio.SampleRate);
        _responder.Attach(_line);
        _pump = new LineAudioPump(_board.Audio, _line);
        _captured = new short[_board.Audio.FrameSamples];
        _played = new short[_board.Audio.FrameSamples];
        _line.IncomingCall += (_, e) => Record(new RigEvent(_time.GetUtcNow(), "incoming", e.CallerNumber, e.CallerId?.Name));
        _line.Answered += (_, _) => Record(new RigEvent(_time.GetUtcNow(), "answered"));
        _line.DtmfReceived += (_, e) => Record(new RigEvent(_time.GetUtcNow(), "dtmf", Reason: e.Digit.ToString()));
        _line.CallEnded += (_, e) => Record(new RigEvent(_time.GetUtcNow(), "ended", Reason: e.Reason.ToString()));
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    public int SampleRate => _board.Audio.SampleRate;

    public HookState Hook => _board.Hook.State;

    public IReadOnlyList<RigEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Advance(TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += Frame)
        {
            _time.Advance(Frame);
            _pump.PumpOnce();
            while (_pump.TryReadCaptured(_captured))
            {
                _responder.OnCallerFrame(_captured);
            }

            if (_line.State != LineState.InCall)
            {
                _pump.ClearPlayback();
                continue;
            }

            _responder.FillAgentFrame(_played);
            _pump.TryQueuePlayback(_played);
            _indicator.SetAgentSpeaking(!IsSilent(_played));
        }
    }

    public void Ring(CallerIdInfo? callerId, CallerIdSignal signal, int maxRings) =>
        _board.Exchange.Ring(_cadence, callerId, signal, maxRings);

    public void CallerHangsUp() => _board.Exchange.CallerHangsUp();

    public void CallerHangsUpWithTone(CallProgressTone tone) => _board.Exchange.FarEndHangsUpWithTone(_tones, tone, TimeSpan.FromSeconds(10));

    public void PlayCallerAudio(short[] samples) => _board.Audio.InjectCapture(samples);

    public DateTimeOffset? FirstAgentAudioAfter(DateTimeOffset since) => _board.Audio.FirstSoundAfter(since);

    public LedPattern Led(LedId led) => _board.Leds.GetPattern(led);

    public void AgentHangsUp() => _line.HangUp();

    public void Flash()
    {
        if (!_line.Flash())
        {
            throw new InvalidOperationException("flash refused: no call is up");
        }
    }

    public void InjectFault(string kind)
    {
        switch (kind)
        {
            case "stickRelay":
                _board.Hook.StuckOffHook = true;
                break;
            case "cutLine":
                _board.Exchange.LineConnected = false;
                _board.LoopCurrent.Set(false);
                break;
            case "ringDuringCall":
                _board.Ring.Set(true);
                break;
            default:
                throw new ArgumentException($"unknown fault '{kind}' (stickRelay, cutLine, ringDuringCall)", nameof(kind));
        }
    }

    public void Dispose()
    {
        _pump.Dispose();
        _indicator.Dispose();
        _line.Dispose();
        _board.Dispose();
    }

    private static bool IsSilent(ReadOnlySpan<short> frame)
    {
        foreach (short s in frame)
        {
            if (Math.Abs((int)s) > 300)
            {
                return false;
            }
        }

        return true;
    }

    private void Record(RigEvent e)
    {
        lock (_events)
        {
            _events.Add(e);
        }
    }
}
