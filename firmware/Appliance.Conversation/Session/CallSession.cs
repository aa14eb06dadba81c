using System.Threading.Channels;
using Appliance.Audio.Denoise;
using Appliance.Audio.Echo;
using Appliance.Audio.Endpointing;
using Appliance.Audio.Mixing;
using Appliance.Audio.Speed;
using Appliance.Audio.Vad;
using Appliance.Configuration.Model;
using Appliance.Conversation.Lines;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Email;
using Appliance.Conversation.Providers.Stt;
using Appliance.Conversation.Providers.Tools;
using BuiltInTools = Appliance.Conversation.Providers.Tools.BuiltInTools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Appliance.Conversation.Session;

/// <summary>
/// One answered call: its line, its audio chain and its provider chains, from greeting to hang-up.
/// The whole data path of a call is declared here and in the partial files beside it:
/// <code>
/// line in → echo cancel (ref = what we played) → denoise → VAD → barge-in / endpointing → STT
///   → LLM (tools) → sentences → TTS → speed (WSOLA) → mixer (ambience, thinking) → line out
/// </code>
/// A 20 ms media tick (CallSession.Media.cs) moves audio; the conversation task
/// (CallSession.Turns.cs) decides what to say. Control events (barge-in, hang-up) cancel the
/// conversation's current response at once and flush queued speech.
/// </summary>
public sealed partial class CallSession : IAsyncDisposable
{
    private const int Rate = 8000;
    private const int FrameSamples = Rate / 50;
    private const int MaxToolRounds = 4;
    private static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    private readonly ICallLine _line;
    private readonly AgentRuntime _runtime;
    private readonly CallProviders _providers;
    private readonly CallSessionServices _services;
    private readonly CallLog _log;
    private readonly CallExtensions _extensions;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IChatClient _chat;
    private readonly Channel<EndedTurn> _turnEnds = Channel.CreateBounded<EndedTurn>(4);
    private readonly CancellationTokenSource _callCts = new();
    private readonly List<ChatMessage> _history = [];
    private readonly ChatOptions _chatOptions;
    private readonly Dictionary<string, string> _variables;

    // Audio blocks, used only by the media tick.
    private readonly LineEchoCanceller _echo = new(Rate, TimeSpan.FromMilliseconds(128));
    private readonly EchoDetector _echoDetector = new();
    private readonly Denoiser _denoiser;
    private readonly VoiceActivityDetector _vad;
    private readonly bool _vadBeforeDenoise;
    private readonly TurnDetector _turns;
    private readonly BargeInDecider _bargeIn;
    private readonly CallAudioMixer _mixer;
    private readonly WsolaTimeStretcher _stretcher = new(Rate);
    private readonly FrameQueue _playback = new(FrameSamples, capacityFrames: 50 * 120);

    private readonly CallRecorder? _recorder;
    private volatile CallState _state = CallState.Ringing;
    private volatile bool _ended;

    public CallSession(ICallLine line, Agent agent, CallProviders providers, CallRecord record, CallSessionServices services,
        IReadOnlyDictionary<string, string>? variableOverrides = null, CallExtensions? extensions = null, SmtpMailer? mailer = null)
    {
        _line = line;
        _providers = providers;
        _services = services;
        _time = services.Time;
        _logger = services.Logger;
        _runtime = AgentRuntime.From(agent, Rate);
        _extensions = extensions ?? CallExtensions.None(services.Logger);
        _log = new CallLog(record, services, _extensions);
        _extensions.AttachRecord((type, detail) => _log.Event(type, detail));
        var denoising = Denoiser.ParseMode(agent.DenoisingMode);
        _denoiser = Denoiser.Create(denoising, Rate);
        _vad = new VoiceActivityDetector(services.CreateVadClassifier(denoising), _runtime.Vad);
        // The background-talker gate measures the babble level the denoiser would remove.
        _vadBeforeDenoise = denoising == DenoisingMode.NoiseAndBackgroundSpeechCancellation;
        _turns = new TurnDetector(_runtime.Endpointing);
        _bargeIn = new BargeInDecider(_runtime.BargeIn);
        _mixer = new CallAudioMixer(services.Sounds);
        _mixer.SetAmbient(_runtime.Ambient);
        _mixer.AmbientLevel = _runtime.AmbientLevel;
        _mixer.SetThinkingClip(_runtime.ThinkingClip);
        _mixer.ThinkingVolume = _runtime.ThinkingVolume;
        _machineDetector = MachineDetectorFor(agent, record);
        _screening = _machineDetector is not null;
        _stretcher.Speed = Math.Clamp(_runtime.Speed, WsolaTimeStretcher.MinSpeed, WsolaTimeStretcher.MaxSpeed);

        _variables = PromptBuilder.Variables(agent, new CallFacts(line.CallId, line.CallerNumber, line.CalledNumber, _time.GetUtcNow()), variableOverrides);
        _history.Add(new ChatMessage(ChatRole.System, PromptBuilder.SystemPrompt(agent, _variables)));
        var tools = new List<AITool>();
        foreach (var tool in BuiltInTools.Create(new SessionCallControl(this), new SessionMessaging(this, mailer)))
        {
            if (agent.Tools.Contains(tool.Name) || IsAlwaysOn(tool.Name, agent))
            {
                tools.Add(new RecordedTool(tool, _log, _extensions));
            }
        }
        // Webhook and MCP tools: already filtered by the agent's tools list and time-limited.
        foreach (var tool in _extensions.Tools)
        {
            tools.Add(new RecordedTool(tool, _log, _extensions));
        }
        _chatOptions = new ChatOptions
        {
            Tools = tools,
            ModelId = agent.LlmModel,
            Temperature = (float?)agent.LlmTemperature,
            MaxOutputTokens = agent.LlmMaxTokens,
        };
        // A phone turn needs a tool round or two; a model looping on tools must not hold the line.
        _chat = new ChatClientBuilder(providers.Language)
            .UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = MaxToolRounds)
            .Build();
        if (services.RecordingsDirectory is { } recordings && (agent.RecordingEnabled || agent.AgentType == AgentTypes.MessageTaker))
        {
            _recorder = new CallRecorder(Path.Combine(recordings, record.Id + ".wav"), Rate, FrameSamples);
            record.RecordingFile = Path.GetFileName(_recorder.FilePath);
        }
        _line.Ended += OnLineEnded;
        _line.DtmfReceived += OnDtmf;
    }

    public CallState State => _state;

    public CallRecord Record => _log.Record;

    /// <summary>Transfer and ending are what a phone agent is for: on whenever the agent has a target.</summary>
    private static bool IsAlwaysOn(string tool, Agent agent) => tool switch
    {
        BuiltInTools.TransferCall => agent.TransferNumber is not null || agent.SipTransferEnabled || agent.WarmTransferEnabled,
        BuiltInTools.EndConversation => true,
        BuiltInTools.WarmTransfer => agent.WarmTransferEnabled,
        BuiltInTools.SendEmail => agent.EmailEnabled,
        BuiltInTools.SwitchLanguage => agent.AdditionalLanguages.Count > 0,
        _ => false,
    };

    /// <summary>Runs the call to its end: greeting, turns, pokes, tools, hang-up; the record is saved throughout.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _callCts.Token);
        _log.Update(r =>
        {
            r.Status = CallStatuses.InProgress;
            r.AnsweredAt = _time.GetUtcNow();
        });
        _logger.LogInformation("Call {CallId} answered by agent {Agent}", _line.CallId, _runtime.Agent.Name);
        var media = MediaLoopAsync(linked.Token);
        try
        {
            await ConversationAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The caller hung up or the box is stopping: the record says which.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Call {CallId} failed", _line.CallId);
            _log.Event("error", ex.GetType().Name + ": " + ex.Message);
            _log.Update(r => r.Status = CallStatuses.Failed);
        }
        finally
        {
            await _callCts.CancelAsync().ConfigureAwait(false);
            try
            {
                await media.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The media loop ends by cancellation.
            }
            await FinishAsync().ConfigureAwait(false);
        }
    }

    private async Task FinishAsync()
    {
        if (!_ended)
        {
            _ended = true;
            await _line.HangUpAsync().ConfigureAwait(false);
        }
        SetState(CallState.Ended);
        _recorder?.Dispose();
        _sttTurn?.Dispose();
        _sttTurn = null;
        var taken = _providers.MessageTaker.Taken;
        _log.Update(r =>
        {
            r.EndedAt = _time.GetUtcNow();
            r.Quality = _line.Quality;
            if (r.Status == CallStatuses.InProgress)
            {
                r.Status = CallStatuses.Completed;
            }
            if (taken.CallerName is not null || taken.CallbackNumber is not null || taken.Message is not null)
            {
                r.Message = new CallMessage { Name = taken.CallerName, Number = taken.CallbackNumber, Text = taken.Message };
            }
        });
        _logger.LogInformation("Call {CallId} ended: {Status} ({Reason})", _line.CallId, _log.Record.Status, _log.Record.EndReason);
    }

    private void OnLineEnded(string reason)
    {
        _ended = true;
        _log.Update(r => r.EndReason ??= reason);
        _log.Event("line_ended", reason);
        try
        {
            // Not Cancel(): that would run the whole call teardown (and its disposal) inline on
            // the line's event thread, under the very Cancel call.
            _ = _callCts.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The session ended on its own while the line was reporting its end.
        }
    }

    private void SetState(CallState state)
    {
        if (_state != state)
        {
            _state = state;
            _log.Event("state", state.ToString().ToLowerInvariant());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _line.Ended -= OnLineEnded;
        _line.DtmfReceived -= OnDtmf;
        await _callCts.CancelAsync().ConfigureAwait(false);
        _callCts.Dispose();
        _chat.Dispose();
    }

    /// <summary>A caller turn handed from the media tick to the conversation.</summary>
    private sealed record EndedTurn(ISpeechToTextTurn Speech, DateTimeOffset EndOfSpeech, DateTimeOffset Declared);
}
