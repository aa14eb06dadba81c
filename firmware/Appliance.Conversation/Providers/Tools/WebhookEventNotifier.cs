using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Appliance.Conversation.Providers.Webhook;

namespace Appliance.Conversation.Providers.Tools;

/// <summary>One webhook notification's outcome, for the call record.</summary>
/// <param name="Reply">before_call only: the webhook's answer when it was a JSON object.</param>
public sealed record WebhookDelivery(string Webhook, string Event, bool Delivered, string Detail, JsonObject? Reply = null);

/// <summary>
/// Sends the non-tool webhooks of a call: before_call and after_call conditions and the
/// event_message / event_action subscriptions. Each delivery has the webhook's own timeout; a
/// failure is recorded, never thrown: a webhook cannot break a call.
/// </summary>
public sealed class WebhookEventNotifier(IReadOnlyList<WebhookToolDefinition> webhooks, WebhookCallContext call, HttpClient http, TimeProvider time)
{
    /// <summary>Largest before_call answer read; a bigger one is ignored.</summary>
    public const int MaxReplyBytes = 64 * 1024;

    public Task<IReadOnlyList<WebhookDelivery>> BeforeCallAsync(CancellationToken cancellationToken) =>
        SendAsync("before_call", w => w.Conditions.Contains(WebhookCondition.BeforeCall), null, cancellationToken);

    public Task<IReadOnlyList<WebhookDelivery>> AfterCallAsync(JsonObject? summary, CancellationToken cancellationToken) =>
        SendAsync("after_call", w => w.Conditions.Contains(WebhookCondition.AfterCall), summary, cancellationToken);

    /// <summary>A message of the conversation (role and text) for event_message subscribers.</summary>
    public Task<IReadOnlyList<WebhookDelivery>> MessageAsync(string role, string text, CancellationToken cancellationToken) =>
        SendAsync("event_message", w => w.Subscriptions.Contains(WebhookSubscription.EventMessage),
            new JsonObject { ["role"] = role, ["text"] = text }, cancellationToken);

    /// <summary>An action the agent took (a tool call, a transfer) for event_action subscribers.</summary>
    public Task<IReadOnlyList<WebhookDelivery>> ActionAsync(string action, JsonObject? detail, CancellationToken cancellationToken) =>
        SendAsync("event_action", w => w.Subscriptions.Contains(WebhookSubscription.EventAction),
            new JsonObject { ["action"] = action, ["detail"] = detail }, cancellationToken);

    private async Task<IReadOnlyList<WebhookDelivery>> SendAsync(
        string eventName, Func<WebhookToolDefinition, bool> wanted, JsonObject? data, CancellationToken cancellationToken)
    {
        var sends = new List<Task<WebhookDelivery>>();
        foreach (var webhook in webhooks)
        {
            if (wanted(webhook))
            {
                sends.Add(DeliverAsync(webhook, eventName, data?.DeepClone(), cancellationToken));
            }
        }

        return await Task.WhenAll(sends).ConfigureAwait(false);
    }

    private async Task<WebhookDelivery> DeliverAsync(WebhookToolDefinition webhook, string eventName, JsonNode? data, CancellationToken cancellationToken)
    {
        try
        {
            webhook.Endpoint.Validate();
        }
        catch (ArgumentException e)
        {
            return new WebhookDelivery(webhook.Name, eventName, false, e.Message);
        }

        using var deadline = new CancellationTokenSource(webhook.Endpoint.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            using var request = Request(webhook, eventName, data);
            using var response = await ProviderHttp.SendAsync(http, request, webhook.Name, linked.Token).ConfigureAwait(false);
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Only before_call answers matter (they may set template variables); the rest are not read.
            var reply = eventName == "before_call" ? await ReadReplyAsync(response, linked.Token).ConfigureAwait(false) : null;
            return new WebhookDelivery(webhook.Name, eventName, true, status, reply);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new WebhookDelivery(webhook.Name, eventName, false, "timed out");
        }
        catch (Exception e) when (e is HttpRequestException or ProviderException or IOException)
        {
            return new WebhookDelivery(webhook.Name, eventName, false, e.GetType().Name);
        }
    }

    /// <summary>The answer as a JSON object; null when it is empty, too big or anything else.</summary>
    private static async Task<JsonObject?> ReadReplyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxReplyBytes)
        {
            return null;
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length is 0 or > MaxReplyBytes)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private HttpRequestMessage Request(WebhookToolDefinition webhook, string eventName, JsonNode? data)
    {
        if (webhook.Method == HttpMethod.Get)
        {
            var query = $"event={eventName}&call_id={Uri.EscapeDataString(call.CallId)}&agent_id={Uri.EscapeDataString(call.AgentId)}";
            var url = new UriBuilder(webhook.Endpoint.Url) { Query = query }.Uri;
            var get = new HttpRequestMessage(HttpMethod.Get, url);
            WebhookSigner.Apply(get, webhook.Endpoint, Encoding.UTF8.GetBytes(query), time);
            return get;
        }

        var payload = new JsonObject
        {
            ["event"] = eventName,
            ["call_id"] = call.CallId,
            ["agent_id"] = call.AgentId,
            ["caller"] = call.Caller,
            ["called"] = call.Called,
            ["data"] = data,
        };
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var post = new HttpRequestMessage(HttpMethod.Post, webhook.Endpoint.Url) { Content = content };
        WebhookSigner.Apply(post, webhook.Endpoint, body, time);
        return post;
    }
}
