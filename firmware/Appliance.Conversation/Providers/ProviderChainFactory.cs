using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Providers.Llm;
using Appliance.Conversation.Providers.Local;
using Appliance.Conversation.Providers.Stt;
using Appliance.Conversation.Providers.Tts;
using Appliance.Conversation.Providers.Vendors;
using Appliance.Conversation.Providers.Webhook;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Providers;

/// <summary>
/// Builds a call's provider chains from the configured endpoints. One factory per box: it holds
/// the shared HttpClient and the endpoint guards, so circuit state outlives calls.
/// </summary>
/// <param name="http">Shared client with an infinite Timeout: the chains time attempts themselves.</param>
public sealed class ProviderChainFactory(HttpClient http, EndpointGuards guards, ITextToSpeech? localSpeech = null)
{
    private readonly ITextToSpeech _localSpeech = localSpeech ?? new EspeakTextToSpeech();
    private readonly ISpeechToText _noSpeechToText = new NoSpeechToText();

    /// <summary>The shared client, also for a call's webhooks and MCP servers (they time themselves).</summary>
    public HttpClient Http => http;

    public CallProviders ForCall(StageEndpoints endpoints, Action<StageReport>? report)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var messageTaker = new MessageTakerChatClient();
        var stt = Chain(ProviderStage.SpeechToText, endpoints.SpeechToText, CreateSpeechToText, _noSpeechToText, report);
        var llm = Chain<IChatClient>(ProviderStage.Language, endpoints.Language, CreateChatClient, messageTaker, report);
        var tts = Chain(ProviderStage.TextToSpeech, endpoints.TextToSpeech, CreateTextToSpeech, _localSpeech, report);
        return new CallProviders(new FallbackSpeechToText(stt), new FallbackChatClient(llm), new FallbackTextToSpeech(tts), messageTaker);
    }

    /// <summary>
    /// The answerer of a voiceMode "webhook" agent: the webhook, guarded like any endpoint, and
    /// when it times out or fails, <paramref name="fallback"/> (the call's hosted LLM chain, or its
    /// message taker) answers the turn.
    /// </summary>
    public IChatClient WebhookAnswerer(WebhookEndpoint webhook, WebhookCallContext call, IChatClient fallback, Action<StageReport>? report)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        webhook.Validate();
        var client = new WebhookVoiceClient(webhook, call, http, guards.TimeProvider);
        var guarded = new GuardedProvider<IChatClient>(client, guards.For(ProviderStage.Webhook, webhook.Name, webhook.Timeout));
        return new FallbackChatClient(new FallbackChain<IChatClient>(
            ProviderStage.Webhook, [guarded], fallback, "hosted-fallback", guards.TimeProvider, report));
    }

    private FallbackChain<TProvider> Chain<TProvider>(
        ProviderStage stage,
        IReadOnlyList<ProviderEndpoint> endpoints,
        Func<ProviderEndpoint, TProvider?> create,
        TProvider degraded,
        Action<StageReport>? report)
        where TProvider : class
    {
        var guarded = new List<GuardedProvider<TProvider>>(endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            // "local" endpoints of a stage are the degraded provider itself, always last.
            if (endpoint.Kind != ProviderKind.Local)
            {
                var provider = create(endpoint)
                    ?? throw new NotSupportedException($"Endpoint '{endpoint.Name}': {endpoint.Kind} does not offer {stage}.");
                guarded.Add(new GuardedProvider<TProvider>(provider, guards.For(stage, endpoint)));
            }
        }

        var degradedName = degraded switch
        {
            ISpeechToText s => s.Name,
            ITextToSpeech t => t.Name,
            _ => "local-message-taker",
        };
        return new FallbackChain<TProvider>(stage, guarded, degraded, degradedName, guards.TimeProvider, report);
    }

    private ISpeechToText? CreateSpeechToText(ProviderEndpoint endpoint) => endpoint.Kind switch
    {
        ProviderKind.OpenAiCompatible => new OpenAiSpeechToText(endpoint, http),
        ProviderKind.Deepgram => new DeepgramSpeechToText(endpoint, http),
        _ => null,
    };

    private IChatClient? CreateChatClient(ProviderEndpoint endpoint) => endpoint.Kind switch
    {
        ProviderKind.OpenAiCompatible => OpenAiChatClientFactory.Create(endpoint, http),
        _ => null,
    };

    private ITextToSpeech? CreateTextToSpeech(ProviderEndpoint endpoint) => endpoint.Kind switch
    {
        ProviderKind.OpenAiCompatible => new OpenAiTextToSpeech(endpoint, http),
        ProviderKind.Cartesia => new CartesiaTextToSpeech(endpoint, http),
        ProviderKind.ElevenLabs => new ElevenLabsTextToSpeech(endpoint, http),
        _ => null,
    };
}
