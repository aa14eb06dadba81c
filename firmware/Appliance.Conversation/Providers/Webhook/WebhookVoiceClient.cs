using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Providers.Webhook;

/// <summary>
/// voiceMode "webhook": each caller turn is POSTed to the agent's webhook, signed, and the reply
/// (whole or streamed) is what the agent says. It is an <see cref="IChatClient"/> so that it sits
/// in a fallback chain like a model: a timeout or an error hands the turn to the next answerer.
/// </summary>
public sealed class WebhookVoiceClient(WebhookEndpoint webhook, WebhookCallContext call, HttpClient http, TimeProvider time) : IChatClient
{
    /// <summary>Earlier turns sent with each request, newest last.</summary>
    public const int MaxHistory = 20;

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Request(messages), ProviderJsonContext.Default.WebhookTurnRequest);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = content };
        request.Headers.Accept.ParseAdd("text/event-stream, application/x-ndjson, application/json, text/plain");
        WebhookSigner.Apply(request, webhook, body, time);
        using var response = await ProviderHttp.SendAsync(http, request, webhook.Name, cancellationToken).ConfigureAwait(false);
        await foreach (var text in WebhookReplyReader.ReadAsync(response.Content, webhook.Name, cancellationToken).ConfigureAwait(false))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, text) { ModelId = webhook.Name };
        }
    }

    private WebhookTurnRequest Request(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = new List<WebhookTurnMessage>();
        var transcript = string.Empty;
        foreach (var message in messages)
        {
            // The webhook owns its prompt: system messages stay on the box.
            if (message.Role == ChatRole.User || message.Role == ChatRole.Assistant)
            {
                history.Add(new WebhookTurnMessage(message.Role.Value, message.Text));
            }
        }

        if (history.Count > 0 && history[^1].Role == ChatRole.User.Value)
        {
            transcript = history[^1].Text;
            history.RemoveAt(history.Count - 1);
        }

        if (history.Count > MaxHistory)
        {
            history.RemoveRange(0, history.Count - MaxHistory);
        }

        return new WebhookTurnRequest("turn", call.CallId, call.AgentId, call.Caller, call.Called, transcript, history);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
    }
}
