using Appliance.Audio.Codecs;
using Appliance.Audio.Denoise;
using Appliance.Audio.Echo;
using Appliance.Audio.Endpointing;
using Appliance.Audio.Mixing;
using Appliance.Audio.Speed;
using Appliance.Audio.Vad;

namespace Appliance.Audio.Tests.Chain;

/// <summary>
/// Exactly what a call runs on each 20 ms tick at 8 kHz, in the order of
/// firmware/Appliance.Conversation/Session/CallSession.Media.cs: out, the agent's speech through
/// WSOLA at 1.2x, the mixer (ambient bed + thinking sound) and G.711 µ-law encode; in, G.711
/// decode, the echo canceller fed with the frame sent on the previous tick, the echo detector,
/// the denoiser (noise-cancellation), the VAD, barge-in and the turn detector. Shared by the
/// allocation test and the benchmark (linked into tools/Appliance.Benchmarks), so both measure
/// the same chain. Input signals are made once; <see cref="Tick"/> allocates nothing itself.
/// </summary>
public sealed class CallChain : IDisposable
{
    public const int Rate = 8000;
    public const int Frame = Rate / 50;
    private static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    private readonly VadClassifierFactory? _factory;
    private readonly WsolaTimeStretcher _stretcher = new(Rate) { Speed = 1.2 };
    private readonly CallAudioMixer _mixer = new(new SoundLibrary(Rate));
    private readonly LineEchoCanceller _echo = new(Rate, TimeSpan.FromMilliseconds(128));
    private readonly EchoDetector _echoDetector = new();
    private readonly Denoiser _denoiser = Denoiser.Create(Denoiser.NoiseCancellationName, Rate);
    private readonly VoiceActivityDetector _vad;
    private readonly BargeInDecider _bargeIn = new(new BargeInOptions());
    private readonly TurnDetector _turns = new(new EndpointingOptions());
    // 10 s of the agent's speech (PCM) and of the caller's side of the line (µ-law), looped.
    private readonly short[] _agent;
    private readonly byte[] _line;
    private readonly short[] _speech = new short[Frame];
    private readonly short[] _stretchInput = new short[Frame];
    private readonly short[] _out = new short[Frame];
    private readonly byte[] _encoded = new byte[Frame];
    private readonly short[] _in = new short[Frame];
    private readonly short[] _clean = new short[Frame];
    private readonly short[] _echoReference = new short[Frame];
    private int _agentPosition;
    private int _linePosition;
    private TimeSpan _frameTime;

    /// <param name="useSilero">Silero v5 when its model is in .models/ (tools/fetch-models.sh), else the energy VAD.</param>
    public CallChain(bool useSilero)
    {
        _factory = useSilero ? new VadClassifierFactory(new Models.ModelLocator()) : null;
        UsesSilero = _factory is { UsingFallback: false };
        _vad = new VoiceActivityDetector(_factory?.Create(Rate) ?? new EnergyVad(Rate), new VadOptions());
        _mixer.SetAmbient(SoundId.Office);
        _mixer.AmbientLevel = 0.1f;
        _mixer.SetThinkingClip(SoundId.KeyboardTyping);
        _mixer.ThinkingVolume = 0.5f;
        (_agent, _line) = Signals();
    }

    /// <summary>True when the VAD is Silero (the model was found and loaded).</summary>
    public bool UsesSilero { get; }

    /// <summary>Turn events seen so far (proof the endpointing ran on real decisions).</summary>
    public int TurnEvents { get; private set; }

    /// <summary>One 20 ms tick, both directions.</summary>
    public void Tick()
    {
        _frameTime += FrameDuration;
        // The agent talks for 6 s of every 10, the thinking sound plays in between.
        bool speaking = NextSpeechFrame();
        _mixer.IsThinking = !speaking;
        _mixer.Mix(_speech, _out);
        G711.EncodeMuLaw(_out, _encoded);

        G711.DecodeMuLaw(_line.AsSpan(_linePosition, Frame), _in);
        _linePosition = _linePosition + 2 * Frame > _line.Length ? 0 : _linePosition + Frame;
        _echo.Process(_in, _echoReference, _clean);
        bool isEcho = _echoDetector.Update(_echo);
        _denoiser.Process(_clean);
        var vad = _vad.Process(_clean);
        _bargeIn.OnFrame(speaking, vad, isEcho);
        if (_turns.OnFrame(_frameTime, vad) != TurnEvent.None)
        {
            TurnEvents++;
        }
        _out.AsSpan().CopyTo(_echoReference);
    }

    public void Dispose() => _factory?.Dispose();

    private bool NextSpeechFrame()
    {
        while (_stretcher.Available < Frame)
        {
            _agent.AsSpan(_agentPosition, Frame).CopyTo(_stretchInput);
            _agentPosition = _agentPosition + 2 * Frame > _agent.Length ? 0 : _agentPosition + Frame;
            _stretcher.Write(_stretchInput);
        }
        _stretcher.Read(_speech);
        bool speaking = _agentPosition % (10 * Rate) < 6 * Rate;
        if (!speaking)
        {
            _speech.AsSpan().Clear();
        }
        return speaking;
    }

    /// <summary>
    /// Agent: a 120 Hz buzz with syllable-rate amplitude; line: the caller talking in bursts
    /// (noise shaped like speech) over -50 dBFS line noise, plus the agent's echo 12 dB down.
    /// </summary>
    private static (short[] Agent, byte[] Line) Signals()
    {
        var rng = new Random(3);
        int length = 10 * Rate;
        var agent = new short[length];
        var line = new short[length];
        float shaped = 0f;
        for (int i = 0; i < length; i++)
        {
            double t = i / (double)Rate;
            double syllable = 0.5 + 0.5 * Math.Sin(2 * Math.PI * 4 * t);
            agent[i] = (short)(8000 * syllable * Math.Sign(Math.Sin(2 * Math.PI * 120 * t)));
            shaped = 0.7f * shaped + 0.3f * (float)(rng.NextDouble() * 2 - 1);
            bool callerTalks = t % 4 is > 2.5 and < 3.8;
            double caller = callerTalks ? 12000 * syllable * shaped : 0;
            double echo = i >= 320 ? 0.25 * agent[i - 320] : 0;
            line[i] = (short)Math.Clamp(caller + echo + rng.Next(-100, 101), short.MinValue, short.MaxValue);
        }
        var encoded = new byte[length];
        G711.EncodeMuLaw(line, encoded);
        return (agent, encoded);
    }
}
