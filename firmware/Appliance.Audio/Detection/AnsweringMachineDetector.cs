using Appliance.Audio.Vad;

namespace Appliance.Audio.Detection;

/// <summary>
/// Answering-machine / voicemail detection for an outbound call, fed every 20 ms caller frame from
/// the moment the call is answered. Decides <see cref="Verdict"/> from the greeting's shape: a
/// greeting that runs past <see cref="AnsweringMachineOptions.MachineGreeting"/> (pauses shorter
/// than the after-greeting silence are part of it) is a machine; a short greeting followed by
/// silence is a person. A beep (<see cref="BeepDetector"/>) also means machine, and after a machine
/// verdict its end is reported so the agent leaves the message after the tone. Speech decisions
/// come from the caller's VAD when given, else from an internal <see cref="EnergyVad"/>.
/// No allocation per frame; one instance per call.
/// </summary>
public sealed class AnsweringMachineDetector
{
    private const float SpeechProbability = 0.5f;
    private readonly AnsweringMachineOptions _options;
    private readonly EnergyVad _vad;
    private readonly BeepDetector _beep;
    private readonly int _machineFrames;
    private readonly int _silenceFrames;
    private readonly int _minSpeechFrames;
    private readonly int _initialSilenceFrames;
    private int _frame;
    private int _greetingStart = -1;
    private int _lastVoiced = -1;
    private int _voicedFrames;

    public AnsweringMachineDetector(int sampleRate, AnsweringMachineOptions? options = null)
    {
        _options = options ?? new AnsweringMachineOptions();
        _options.Validate();
        _vad = new EnergyVad(sampleRate);
        _beep = new BeepDetector(sampleRate);
        FrameSamples = _vad.FrameSamples;
        _machineFrames = Frames(_options.MachineGreeting);
        _silenceFrames = Frames(_options.AfterGreetingSilence);
        _minSpeechFrames = Frames(_options.MinGreetingSpeech);
        _initialSilenceFrames = Frames(_options.InitialSilence);
    }

    public int FrameSamples { get; }

    public AnsweringMachineVerdict Verdict { get; private set; }

    /// <summary>Time since answer at which the verdict was reached (zero while pending).</summary>
    public TimeSpan DecisionTime { get; private set; }

    /// <summary>Time since answer (frames processed x 20 ms).</summary>
    public TimeSpan Elapsed => TimeSpan.FromMilliseconds(20.0 * _frame);

    /// <summary>Feeds one frame and decides speech with the internal energy VAD.</summary>
    public AnsweringMachineEvents Process(ReadOnlySpan<short> frame) => Process(frame, _vad.Classify(frame) >= SpeechProbability);

    /// <summary>Feeds one frame with the caller VAD's decision for it.</summary>
    public AnsweringMachineEvents Process(ReadOnlySpan<short> frame, bool speech)
    {
        if (frame.Length != FrameSamples)
        {
            throw new ArgumentException($"A 20 ms frame holds {FrameSamples} samples, got {frame.Length}.", nameof(frame));
        }
        var events = AnsweringMachineEvents.None;
        // Once a person answered there is no message to leave; skip the tone analysis.
        bool beepEnded = Verdict != AnsweringMachineVerdict.Human && _beep.Process(frame);
        _frame++;
        if (beepEnded)
        {
            events |= AnsweringMachineEvents.BeepEnded;
        }
        if (Verdict == AnsweringMachineVerdict.Pending)
        {
            var verdict = beepEnded ? AnsweringMachineVerdict.Machine : Decide(speech && !_beep.InBeep);
            if (verdict != AnsweringMachineVerdict.Pending)
            {
                Verdict = verdict;
                DecisionTime = Elapsed;
                events |= AnsweringMachineEvents.Decided;
            }
        }
        return events;
    }

    public void Reset()
    {
        _vad.Reset();
        _beep.Reset();
        _frame = 0;
        _greetingStart = -1;
        _lastVoiced = -1;
        _voicedFrames = 0;
        Verdict = AnsweringMachineVerdict.Pending;
        DecisionTime = TimeSpan.Zero;
    }

    private AnsweringMachineVerdict Decide(bool speech)
    {
        int now = _frame;
        if (speech)
        {
            if (_greetingStart < 0)
            {
                _greetingStart = now;
                _voicedFrames = 0;
            }
            _lastVoiced = now;
            _voicedFrames++;
            return now - _greetingStart + 1 >= _machineFrames ? AnsweringMachineVerdict.Machine : AnsweringMachineVerdict.Pending;
        }
        if (_greetingStart < 0)
        {
            return now >= _initialSilenceFrames ? AnsweringMachineVerdict.Unknown : AnsweringMachineVerdict.Pending;
        }
        if (now - _lastVoiced < _silenceFrames)
        {
            return AnsweringMachineVerdict.Pending;
        }
        if (_voicedFrames >= _minSpeechFrames)
        {
            return AnsweringMachineVerdict.Human;
        }
        // Too little voice to be a greeting (a click): keep waiting for one.
        _greetingStart = -1;
        return now >= _initialSilenceFrames ? AnsweringMachineVerdict.Unknown : AnsweringMachineVerdict.Pending;
    }

    private static int Frames(TimeSpan t) => Math.Max(1, (int)Math.Round(t.TotalMilliseconds / 20));
}
