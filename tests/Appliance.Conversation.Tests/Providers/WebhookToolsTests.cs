using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Conversation.Providers.Tools;
using Appliance.Conversation.Providers.Webhook;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Conversation.Tests.Providers;

public sealed class WebhookToolsTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly FakeTimeProvider _time = new();
    private readonly WebhookCallContext _callContext = new("call-9", "agent-1", "+4420", "+1555");
    private FakeWebhookServer _hook = null!;

    public async Task InitializeAsync() => _hook = await FakeWebhookServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _hook.DisposeAsync();
        _http.Dispose();
    }

    private WebhookToolDefinition Definition(HttpMethod method, params WebhookCondition[] conditions) => new()
    {
        Name = "lookup_order",
        Description = "Finds an order",
        Method = method,
        Endpoint = new WebhookEndpoint { Name = "orders", Url = _hook.Url, Secret = "s3cret", Timeout = TimeSpan.FromSeconds(2) },
        Conditions = conditions.Length == 0 ? new HashSet<WebhookCondition> { WebhookCondition.DuringCall } : conditions.ToHashSet(),
        ParametersSchema = JsonDocument.Parse("""{"type":"object","properties":{"order":{"type":"string"}}}""").RootElement,
    };

    private AIFunction Function(HttpMethod method) =>
        new TimeLimitedFunction(new WebhookFunction(Definition(method), _callContext, _http, _time), TimeSpan.FromSeconds(2), _time);

    private static AIFunctionArguments OrderArgs => new(new Dictionary<string, object?> { ["order"] = JsonDocument.Parse("\"A-17\"").RootElement });

    [Fact]
    public async Task A_post_tool_sends_its_arguments_signed_and_returns_the_answer()
    {
        _hook.Reply = ("application/json", ["{\"status\":\"shipped\"}"]);
        var tool = Function(HttpMethod.Post);

        var result = await tool.InvokeAsync(OrderArgs);

        Assert.Equal("""{"status":"shipped"}""", result);
        Assert.Equal("lookup_order", tool.Name);
        Assert.Equal("string", tool.JsonSchema.GetProperty("properties").GetProperty("order").GetProperty("type").GetString());
        var (body, signature, method, _) = Assert.Single(_hook.Received);
        Assert.Equal("POST", method);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("A-17", json["arguments"]!["order"]!.GetValue<string>());
        Assert.Equal("call-9", json["call_id"]!.GetValue<string>());
        Assert.StartsWith("t=", signature, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_get_tool_puts_its_arguments_in_the_query()
    {
        await Function(HttpMethod.Get).InvokeAsync(OrderArgs);

        var (_, signature, method, query) = Assert.Single(_hook.Received);
        Assert.Equal("GET", method);
        Assert.Equal("?call_id=call-9&order=A-17", query);
        Assert.NotNull(signature);
    }

    [Fact]
    public async Task A_tool_that_overruns_its_deadline_gives_the_model_a_refusal()
    {
        _hook.Failure = FakeFailure.Hang;

        var pending = Function(HttpMethod.Post).InvokeAsync(OrderArgs).AsTask();
        await _hook.WaitForRequestAsync();
        _time.Advance(TimeSpan.FromSeconds(2));

        var result = (JsonElement)(await pending.WaitAsync(TimeSpan.FromSeconds(10)))!;
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Contains("did not answer", result.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_tool_gives_the_model_a_refusal()
    {
        _hook.Failure = FakeFailure.ServerError;

        var result = (JsonElement)(await Function(HttpMethod.Post).InvokeAsync(OrderArgs))!;

        Assert.False(result.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Call_events_go_only_to_the_webhooks_that_asked_for_them()
    {
        var before = Definition(HttpMethod.Post, WebhookCondition.BeforeCall) with { Name = "crm-before" };
        var after = Definition(HttpMethod.Post, WebhookCondition.AfterCall) with
        {
            Name = "crm-after",
            Subscriptions = new HashSet<WebhookSubscription> { WebhookSubscription.EventMessage },
        };
        var notifier = new WebhookEventNotifier([before, after], _callContext, _http, _time);

        var deliveries = await notifier.BeforeCallAsync(CancellationToken.None);
        await notifier.MessageAsync("user", "hello", CancellationToken.None);
        await notifier.ActionAsync("transfer_call", null, CancellationToken.None);
        _hook.Failure = FakeFailure.ServerError;
        var afterCall = await notifier.AfterCallAsync(new JsonObject { ["summary"] = "short call" }, CancellationToken.None);

        Assert.Equal("crm-before", Assert.Single(deliveries).Webhook);
        var events = _hook.Received.Select(r => JsonNode.Parse(r.Body)!["event"]!.GetValue<string>()).ToList();
        Assert.Equal(["before_call", "event_message", "after_call"], events);
        Assert.Equal("hello", JsonNode.Parse(_hook.Received.ElementAt(1).Body)!["data"]!["text"]!.GetValue<string>());
        var failed = Assert.Single(afterCall);
        Assert.False(failed.Delivered);
    }

    [Fact]
    public async Task A_webhook_that_is_not_http_is_refused_before_any_request()
    {
        var bad = Definition(HttpMethod.Post, WebhookCondition.BeforeCall) with
        {
            Endpoint = new WebhookEndpoint { Name = "bad", Url = new Uri("file:///etc/passwd") },
        };

        Assert.Throws<ArgumentException>(() => new WebhookFunction(bad, _callContext, _http, _time));
        var delivery = Assert.Single(await new WebhookEventNotifier([bad], _callContext, _http, _time).BeforeCallAsync(CancellationToken.None));
        Assert.False(delivery.Delivered);
        Assert.Empty(_hook.Received);
    }
}
