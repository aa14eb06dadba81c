using Appliance.Audio.Endpointing;
using Appliance.Audio.Vad;
using Appliance.Conversation.Providers.Stt;

namespace Appliance.Conversation.Session;

/// <summary>The 20 ms media tick: fixed preallocated buffers, no allocation and no lock per frame.</summary>
public sealed partial class CallSession
{
    private const int PrebufferFrames = 15; // 300 ms of audio before the detected start of speech

    private readonly short[] _in = new short[FrameSamples];
    private readonly short[] _clean = new short[FrameSamples];
    private readonly short[] _speech = new short[FrameSamples];
    private readonly short[] _stretchInput = new short[FrameSamples];
    private readonly short[] _out = new short[FrameSamples];
    private readonly short[] _echoReference = new short[FrameSamples];
    private readonly short[] _prebuffer = new short[FrameSamples * PrebufferFrames];
    private int _prebufferNext;
    private TimeSpan _frameTime;
    private ISpeechToTextTurn? _sttTurn;
    private DateTimeOffset _lastVoiced;
    private volatile bool _flushRequested;
    private volatile bool _speakingNow;
    private volatile bool _listening = true;
    private long _lastHeardTicks;
    private long _firstAudioSentTicks;

    /// <summary>When the caller last made speech (or the agent last finished speaking): the silence timers' origin.</summary>
    private DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

    private async Task MediaLoopAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastHeardTicks, _time.GetUtcNow().UtcTicks);
        using var timer = new PeriodicTimer(FrameDuration, _time);
        var due = _time.GetTimestamp();
        var frameTicks = (long)(FrameDuration.TotalSeconds * _time.TimestampFrequency);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            // A timer that woke late owes several frames: run each one, so the line keeps 50 frames a
            // second; after a stall of more than 10 frames, start again from now rather than burst.
            var now = _time.GetTimestamp();
            if (now - due > 10 * frameTicks)
            {
                due = now - frameTicks;
            }
            while (due + frameTicks <= now)
            {
                Tick();
                due += frameTicks;
            }
        }
    }

    private void Tick()
    {
        _frameTime += FrameDuration;
        if (_flushRequested)
        {
            _playback.Clear();
            _stretcher.Reset();
            _flushRequested = false;
        }
        var speaking = NextSpeechFrame(_speech);
        if (speaking && Interlocked.Read(ref _firstAudioSentTicks) == 0)
        {
            Interlocked.Exchange(ref _firstAudioSentTicks, _time.GetUtcNow().UtcTicks);
        }
        if (_speakingNow && !speaking)
        {
            // The agent just finished: silence is counted from here, not from the caller's last word.
            Interlocked.Exchange(ref _lastHeardTicks, _time.GetUtcNow().UtcTicks);
        }
        _speakingNow = speaking;
        _mixer.Mix(_speech, _out);
        _line.WriteFrame(_out);
        Volatile.Write(ref _outputLevelDb, LevelDb(_out));

        if (_line.TryReadFrame(_in))
        {
            Volatile.Write(ref _inputLevelDb, LevelDb(_in));
            _recorder?.Write(_in, _out);
            ProcessInbound(speaking);
        }
        else
        {
            Volatile.Write(ref _inputLevelDb, SilenceDb);
            _recorder?.Write(ReadOnlySpan<short>.Empty, _out);
        }
        _out.AsSpan().CopyTo(_echoReference);
    }

    /// <summary>The next 20 ms of the agent's speech at the agent's speed; false (and silence) when none.</summary>
    private bool NextSpeechFrame(Span<short> frame)
    {
        if (_stretcher.Speed == 1.0)
        {
            if (_playback.TryDequeue(frame))
            {
                return true;
            }
            frame.Clear();
            return false;
        }
        while (_stretcher.Available < frame.Length && _playback.TryDequeue(_stretchInput))
        {
            _stretcher.Write(_stretchInput);
        }
        var read = _stretcher.Read(frame);
        frame[read..].Clear();
        return read > 0;
    }

    private void ProcessInbound(bool agentSpeaking)
    {
        _echo.Process(_in, _echoReference, _clean);
        var isEcho = _runtime.Agent.EchoDetection && _echoDetector.Update(_echo);
        if (_screening)
        {
            Screen(_clean);
        }
        VadDecision vad;
        if (_vadBeforeDenoise)
        {
            vad = _vad.Process(_clean);
            _denoiser.Process(_clean);
        }
        else
        {
            _denoiser.Process(_clean);
            vad = _vad.Process(_clean);
        }
        Remember(_clean);
        if (_screening)
        {
            // Who answered is not known yet (or a machine is being left a message): no turns, no barge-in.
            if (vad.IsVoiced)
            {
                ScreenVoiced();
            }
            return;
        }

        if (_bargeIn.OnFrame(agentSpeaking, vad, isEcho) && agentSpeaking)
        {
            OnBargeIn();
            agentSpeaking = false;
        }
        if (agentSpeaking || !_listening)
        {
            return; // while the agent talks, caller sound that is not a barge-in is not a turn
        }
        if (vad.IsVoiced)
        {
            _lastVoiced = _time.GetUtcNow();
            Interlocked.Exchange(ref _lastHeardTicks, _lastVoiced.UtcTicks);
        }
        var turn = _turns.OnFrame(_frameTime, vad);
        MaybeBackchannel(vad, turn);
        if (turn == TurnEvent.UserStartedSpeaking && _sttTurn is null)
        {
            _sttTurn = _providers.SpeechToText.StartTurn(SttOptions);
            WritePrebuffer(_sttTurn);
        }
        else if (_sttTurn is not null)
        {
            _sttTurn.WriteFrame(_clean);
        }
        if (turn == TurnEvent.UserTurnEnded && _sttTurn is not null)
        {
            if (_turnEnds.Writer.TryWrite(new EndedTurn(_sttTurn, _lastVoiced, _time.GetUtcNow())))
            {
                _sttTurn = null;
            }
        }
    }

    private void Remember(ReadOnlySpan<short> frame)
    {
        frame.CopyTo(_prebuffer.AsSpan(_prebufferNext * FrameSamples, FrameSamples));
        _prebufferNext = (_prebufferNext + 1) % PrebufferFrames;
    }

    /// <summary>Hands STT the audio just before (and including) the frame where speech was confirmed.</summary>
    private void WritePrebuffer(ISpeechToTextTurn turn)
    {
        for (var i = 0; i < PrebufferFrames; i++)
        {
            var index = (_prebufferNext + i) % PrebufferFrames;
            turn.WriteFrame(_prebuffer.AsSpan(index * FrameSamples, FrameSamples));
        }
    }

    private void OnBargeIn()
    {
        _flushRequested = true;
        _log.Event("barge_in", $"after {_bargeIn.CountedSpeech.TotalMilliseconds:0} ms of caller speech");
        _responseCts?.Cancel();
    }
}
