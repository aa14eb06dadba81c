using System.Text;
using Appliance.Configuration.Model;
using Appliance.Configuration.Validation;
using Appliance.Conversation.Providers.Tts;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Session;

/// <summary>The conversation: greeting, caller turns answered through STT → LLM → TTS, silence pokes.</summary>
public sealed partial class CallSession
{
    private CancellationTokenSource? _responseCts;
    private bool _endAfterSpeaking;
    private int _pokes;

    private async Task ConversationAsync(CancellationToken ct)
    {
        if (_machineDetector is not null && !await ScreenAnswerAsync(ct).ConfigureAwait(false))
        {
            return;
        }
        SetState(CallState.Greeting);
        var agent = _runtime.Agent;
        if (agent.GenerateWelcomeMessage)
        {
            _history.Add(new ChatMessage(ChatRole.User, "(The call has just been answered: greet the caller in one short sentence.)"));
            await RespondAsync(callerTurn: null, ct).ConfigureAwait(false);
        }
        else if (TemplateText.Fill(agent.WelcomeMessage, _variables) is { Length: > 0 } welcome)
        {
            _history.Add(new ChatMessage(ChatRole.Assistant, welcome));
            await SayAsync(welcome, ct).ConfigureAwait(false);
        }
        SetState(CallState.Listening);

        while (!ct.IsCancellationRequested && !_ended)
        {
            var turn = await NextTurnOrSilenceAsync(ct).ConfigureAwait(false);
            if (turn is not null)
            {
                _pokes = 0;
                await RespondAsync(turn, ct).ConfigureAwait(false);
            }
            else if (!await OnSilenceAsync(ct).ConfigureAwait(false))
            {
                break;
            }
            if (_endAfterSpeaking)
            {
                await DrainPlaybackAsync(ct).ConfigureAwait(false);
                _log.Event("hang_up", "agent ended the conversation");
                break;
            }
            SetState(CallState.Listening);
        }
    }

    /// <summary>The next caller turn, or null when the silence deadline (poke or hang-up) comes first.</summary>
    private async Task<EndedTurn?> NextTurnOrSilenceAsync(CancellationToken ct)
    {
        var deadline = LastActivity + NextSilenceLimit();
        var delay = deadline - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return null;
        }
        // The deadline runs on the session's clock (a fake one in tests), not the system timer.
        using var timeout = new CancellationTokenSource(delay, _time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            return await _turnEnds.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The deadline passed, unless the caller spoke meanwhile: then wait again.
            return LastActivity + NextSilenceLimit() > _time.GetUtcNow() ? await NextTurnOrSilenceAsync(ct).ConfigureAwait(false) : null;
        }
    }

    private TimeSpan NextSilenceLimit() =>
        _runtime.PokeAfter is { } poke && _pokes == 0 && poke < _runtime.HangUpAfter ? poke : _runtime.HangUpAfter;

    /// <summary>Pokes the caller once, then ends the call after the end-of-conversation silence; false to hang up.</summary>
    private async Task<bool> OnSilenceAsync(CancellationToken ct)
    {
        var agent = _runtime.Agent;
        if (_runtime.PokeAfter is not null && _pokes == 0 && _runtime.PokeAfter < _runtime.HangUpAfter)
        {
            _pokes++;
            _log.Event("no_input_poke");
            if (agent.GenerateNoInputPokeText)
            {
                _history.Add(new ChatMessage(ChatRole.User, "(The caller has been silent: check briefly whether they are still there.)"));
                await RespondAsync(callerTurn: null, ct).ConfigureAwait(false);
            }
            else
            {
                await SayAsync(TemplateText.Fill(agent.NoInputPokeText, _variables), ct).ConfigureAwait(false);
            }
            return true;
        }
        _log.Event("no_input_hang_up", $"{_runtime.HangUpAfter.TotalSeconds:0} s of silence");
        _log.Update(r => r.EndReason = "no input");
        return false;
    }

    /// <summary>Answers a caller turn (or a system cue when <paramref name="callerTurn"/> is null).</summary>
    private async Task RespondAsync(EndedTurn? callerTurn, CancellationToken ct)
    {
        var turn = new CallTurn { Role = "agent", At = _time.GetUtcNow() };
        if (callerTurn is not null && !await TranscribeAsync(callerTurn, turn, ct).ConfigureAwait(false))
        {
            return;
        }
        SetState(CallState.Thinking);
        _mixer.IsThinking = _runtime.ThinkingClip is not null;
        using var response = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _responseCts = response;
        Interlocked.Exchange(ref _firstAudioSentTicks, 0);
        var started = _time.GetTimestamp();
        var splitter = new SentenceSplitter();
        var updates = new List<ChatResponseUpdate>();
        var text = new StringBuilder();
        double? firstSentenceMs = null;
        try
        {
            await foreach (var update in _chat.GetStreamingResponseAsync(_history, _chatOptions, response.Token).ConfigureAwait(false))
            {
                updates.Add(update);
                if (string.IsNullOrEmpty(update.Text))
                {
                    continue;
                }
                turn.LlmFirstTokenMs ??= _time.GetElapsedTime(started).TotalMilliseconds;
                text.Append(update.Text);
                foreach (var sentence in splitter.Add(update.Text))
                {
                    firstSentenceMs ??= _time.GetElapsedTime(started).TotalMilliseconds;
                    await SpeakAsync(sentence, turn, response.Token).ConfigureAwait(false);
                }
            }
            if (splitter.Flush() is { } rest)
            {
                firstSentenceMs ??= _time.GetElapsedTime(started).TotalMilliseconds;
                await SpeakAsync(rest, turn, response.Token).ConfigureAwait(false);
            }
            await DrainPlaybackAsync(response.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            turn.Interrupted = true;
        }
        finally
        {
            _responseCts = null;
            _mixer.IsThinking = false;
        }
        _history.AddRange(updates.ToChatResponse().Messages);
        turn.Text = text.ToString();
        if (callerTurn is not null && Interlocked.Read(ref _firstAudioSentTicks) is > 0 and var sent)
        {
            turn.ResponseLatencyMs = (new DateTimeOffset(sent, TimeSpan.Zero) - callerTurn.EndOfSpeech).TotalMilliseconds;
            // What is left once the providers' shares (STT, LLM up to its first sentence, TTS to
            // first audio) and the endpointing wait are taken out is the box's own time.
            turn.OnBoxMs = turn.ResponseLatencyMs - (turn.EndpointingMs ?? 0) - (turn.SttMs ?? 0) - (firstSentenceMs ?? 0) - (turn.TtsFirstAudioMs ?? 0);
        }
        _log.Turn(turn);
    }

    /// <summary>Finishes the caller's transcript into the record; false when it was only noise.</summary>
    private async Task<bool> TranscribeAsync(EndedTurn callerTurn, CallTurn agentTurn, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        var transcript = await callerTurn.Speech.CompleteAsync(ct).ConfigureAwait(false);
        callerTurn.Speech.Dispose();
        agentTurn.EndpointingMs = (callerTurn.Declared - callerTurn.EndOfSpeech).TotalMilliseconds;
        agentTurn.SttMs = _time.GetElapsedTime(started).TotalMilliseconds;
        if (transcript.Text.Length == 0 && !transcript.Unavailable)
        {
            _log.Event("noise", "a turn with no words");
            return false;
        }
        _log.Turn(new CallTurn
        {
            Role = "caller",
            Text = transcript.Unavailable ? "(not transcribed: no speech-to-text reachable)" : transcript.Text,
            Language = transcript.Unavailable ? null : CallerLanguage(transcript),
            At = callerTurn.EndOfSpeech,
        });
        // Without speech-to-text the turn is an empty user message: the message taker then knows it
        // heard something it cannot read, and the recording keeps what was said.
        _history.Add(new ChatMessage(ChatRole.User, transcript.Unavailable ? string.Empty : transcript.Text));
        return true;
    }

    /// <summary>Speaks fixed text (welcome, poke) and records it as an agent turn.</summary>
    private async Task SayAsync(string text, CancellationToken ct)
    {
        var turn = new CallTurn { Role = "agent", Text = text, At = _time.GetUtcNow() };
        using var response = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _responseCts = response;
        try
        {
            await SpeakAsync(text, turn, response.Token).ConfigureAwait(false);
            await DrainPlaybackAsync(response.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            turn.Interrupted = true;
        }
        finally
        {
            _responseCts = null;
        }
        _log.Turn(turn);
    }

    /// <summary>Synthesizes one sentence and queues its frames for the media tick.</summary>
    private async Task SpeakAsync(string sentence, CallTurn turn, CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        // A switch_language mid-reply applies from the next sentence; the turn keeps the last one spoken.
        turn.Language = Language;
        var request = new SpeechRequest(sentence, Rate)
        {
            Voice = _runtime.Agent.VoiceId,
            Language = turn.Language,
            Pronunciations = _runtime.Pronunciations(),
        };
        await foreach (var frame in _providers.TextToSpeech.SynthesizeAsync(request, ct).ConfigureAwait(false))
        {
            if (turn.TtsFirstAudioMs is null)
            {
                turn.TtsFirstAudioMs = _time.GetElapsedTime(started).TotalMilliseconds;
                _mixer.IsThinking = false;
                SetState(CallState.Speaking);
            }
            while (!_playback.TryEnqueue(frame.Span))
            {
                await Task.Delay(FrameDuration, _time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until the media tick has played everything queued.</summary>
    private async Task DrainPlaybackAsync(CancellationToken ct)
    {
        while (_playback.Count > 0 || _stretcher.Available > 0 || _speakingNow)
        {
            await Task.Delay(FrameDuration, _time, ct).ConfigureAwait(false);
        }
    }
}
