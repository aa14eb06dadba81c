using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Conversation.Providers.Webhook;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Providers.Tools;

/// <summary>
/// A during_call webhook as a function the model can call: the arguments go out as JSON (POST) or
/// in the query string (GET), signed, and the webhook's answer (at most <see cref="MaxResultChars"/>
/// characters) is the result. Wrap it in <see cref="TimeLimitedFunction"/> for its deadline.
/// </summary>
public sealed class WebhookFunction : AIFunction
{
    public const int MaxResultChars = 8000;
    private readonly WebhookToolDefinition _definition;
    private readonly WebhookCallContext _call;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <exception cref="ArgumentException">The webhook's URL is not an absolute http(s) URL.</exception>
    public WebhookFunction(WebhookToolDefinition definition, WebhookCallContext call, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.Endpoint.Validate();
        _definition = definition;
        _call = call;
        _http = http;
        _time = time;
    }
    private static readonly JsonElement NoArguments = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    public override string Name => _definition.Name;
    public override string Description => _definition.Description;
    public override JsonElement JsonSchema => _definition.ParametersSchema ?? NoArguments;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var args = ToolArguments.ToJson(arguments);

        using var request = _definition.Method == HttpMethod.Get ? Get(args) : Post(args);
        using var response = await ProviderHttp.SendAsync(_http, request, _definition.Name, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body.Length > MaxResultChars ? body[..MaxResultChars] : body;
    }

    private HttpRequestMessage Post(JsonObject args)
    {
        var payload = new JsonObject
        {
            ["event"] = "tool_call",
            ["tool"] = _definition.Name,
            ["call_id"] = _call.CallId,
            ["agent_id"] = _call.AgentId,
            ["arguments"] = args,
        };
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, _definition.Endpoint.Url) { Content = content };
        WebhookSigner.Apply(request, _definition.Endpoint, body, _time);
        return request;
    }

    private HttpRequestMessage Get(JsonObject args)
    {
        var query = new StringBuilder("call_id=").Append(Uri.EscapeDataString(_call.CallId));
        foreach (var (key, value) in args)
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? string.Empty;
            query.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(text));
        }

        var url = new UriBuilder(_definition.Endpoint.Url) { Query = query.ToString() }.Uri;
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        // A GET has no body: the signature covers the query string instead.
        WebhookSigner.Apply(request, _definition.Endpoint, Encoding.UTF8.GetBytes(url.Query.TrimStart('?')), _time);
        return request;
    }
}
