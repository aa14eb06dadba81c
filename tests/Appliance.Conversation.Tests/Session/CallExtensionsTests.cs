using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Conversation.Routing;
using Appliance.Conversation.Session;
using Appliance.Conversation.Tests.Fakes;

namespace Appliance.Conversation.Tests.Session;

/// <summary>
/// An agent's extensions on a live call, through the call coordinator with a real LiteDB store:
/// the fake OpenAI cloud makes the model call a webhook tool and an MCP tool; the webhook server
/// also gets before_call (its answer sets a template variable), every message and action, and the
/// after_call summary. Real clock: the servers are real HTTP on 127.0.0.1.
/// </summary>
public sealed class CallExtensionsTests : IAsyncLifetime
{
    private LiveCallBox _box = null!;
    private FakeWebhookServer _hook = null!;
    private FakeMcpServer _mcp = null!;

    public async Task InitializeAsync()
    {
        _box = await LiveCallBox.StartAsync();
        _hook = await FakeWebhookServer.StartNewAsync();
        _mcp = await FakeMcpServer.StartNewAsync();
    }

    public async Task DisposeAsync()
    {
        await _box.DisposeAsync();
        await _hook.DisposeAsync();
        await _mcp.DisposeAsync();
    }

    private CallCoordinator Coordinator() => _box.Coordinator();

    private static Agent AgentWith(string hookUrl, string mcpUrl, int hookTimeoutMs = 5000) => new()
    {
        Id = "agent-ext", Name = "ext-bot", WelcomeMessage = "Hello {{customer}}.", NoInputPokeSec = null, NoInputEndConversationSec = 60,
        InterruptionSensitivity = 0.2,
        TemplateVariables = new() { ["customer"] = new TemplateVariable { DefaultValue = "caller" } },
        Tools = ["lookup_order", "check_coverage"],
        Extensions = new AgentExtensions
        {
            Webhooks =
            [
                new WebhookSpec
                {
                    Name = "lookup_order", Description = "Looks up an order", Url = hookUrl, TimeoutMs = hookTimeoutMs,
                    Conditions = ["before_call", "during_call", "after_call"], Subscriptions = ["event_message", "event_action"],
                    Headers = new() { ["X-Crm-Key"] = "crm-secret" },
                },
            ],
            McpServers = [new McpServer { ConnectionName = "deliveries", McpEndpointUrl = mcpUrl }],
        },
    };

    [Fact]
    public async Task The_model_calls_a_webhook_tool_and_an_MCP_tool_and_the_webhooks_see_the_whole_call()
    {
        _hook.Reply = ("application/json", ["""{"template_variables":{"customer":"Ada"},"order":"42 ships Monday"}"""]);
        _box.Cloud.TranscriptText = "Where is my order 42 and do you deliver to AB1?";
        _box.Cloud.ChatScript.Enqueue(FakeChatReply.Tool("lookup_order", """{"order":"42"}"""));
        _box.Cloud.ChatScript.Enqueue(FakeChatReply.Tool("check_coverage", """{"postcode":"AB1"}"""));
        _box.Cloud.ChatScript.Enqueue(new FakeChatReply("It ships Monday and we deliver on Tuesdays."));
        var record = new CallRecord { Id = "call-ext", StartedAt = DateTimeOffset.UtcNow, AgentId = "agent-ext" };
        _box.Store.SaveCallRecord(record);

        var run = Coordinator().RunAsync(_box.Line, AgentWith(_hook.Url.ToString(), _mcp.Url.ToString()), record, CancellationToken.None);
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Count >= 1);
        _box.Line.Say(CallerAudio.Voice(1.2));
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Exists(t => t.Role == "agent" && t.Text.Contains("Tuesdays", StringComparison.Ordinal)));
        _box.Line.CallerHangsUp();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        // before_call's answer set {{customer}} for the welcome.
        Assert.Equal("Hello Ada.", record.Turns[0].Text);
        // The model was offered exactly the named extension tools (not the MCP server's slow_lookup).
        var chats = _box.Cloud.Received.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(3, chats.Count);
        var offered = chats[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("lookup_order", offered);
        Assert.Contains("check_coverage", offered);
        Assert.DoesNotContain("slow_lookup", offered);
        // Each tool's answer went back to the model.
        Assert.Contains("42 ships Monday", chats[1].ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("We deliver to AB1 on Tuesdays.", chats[2].ToJsonString(), StringComparison.Ordinal);

        // The MCP server ran the tool; the webhook got the tool call with its arguments and headers.
        Assert.Equal(["coverage AB1"], _mcp.Calls);
        var hooks = _hook.Received.Select(r => JsonNode.Parse(r.Body)!).ToList();
        var events = hooks.Select(h => h["event"]!.GetValue<string>()).ToList();
        Assert.Equal("before_call", events[0]);
        Assert.Equal("after_call", events[^1]);
        var toolCall = Assert.Single(hooks, h => h["event"]!.GetValue<string>() == "tool_call");
        Assert.Equal("42", toolCall["arguments"]!["order"]!.GetValue<string>());
        Assert.Equal("+15550009999", hooks[0]["caller"]!.GetValue<string>());
        var messages = hooks.Where(h => h["event"]!.GetValue<string>() == "event_message").Select(h => h["data"]!["role"]!.GetValue<string>() + ": " + h["data"]!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("agent: Hello Ada.", messages);
        Assert.Contains("caller: Where is my order 42 and do you deliver to AB1?", messages);
        var actions = hooks.Where(h => h["event"]!.GetValue<string>() == "event_action").Select(h => h["data"]!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["lookup_order", "check_coverage"], actions);
        var summary = hooks[^1]["data"]!;
        Assert.Equal("completed", summary["status"]!.GetValue<string>());
        Assert.Contains("check_coverage: We deliver to AB1 on Tuesdays.", summary["tools"]!.ToJsonString(), StringComparison.Ordinal);

        // The saved record holds the tool calls and their results, and the webhook outcomes.
        var saved = _box.Store.GetCallRecord("call-ext")!;
        Assert.Contains(saved.Events, e => e.Type == "tool_call" && e.Detail == "lookup_order {\"order\":\"42\"}");
        Assert.Contains(saved.Events, e => e.Type == "tool_result" && e.Detail!.StartsWith("lookup_order: {\"template_variables\"", StringComparison.Ordinal));
        Assert.Contains(saved.Events, e => e.Type == "tool_result" && e.Detail == "check_coverage: We deliver to AB1 on Tuesdays.");
        Assert.Contains(saved.Events, e => e.Type == "mcp_connected" && e.Detail == "deliveries: 2 tools");
        Assert.Contains(saved.Events, e => e.Type == "webhook" && e.Detail!.StartsWith("lookup_order after_call: delivered", StringComparison.Ordinal));
        Assert.DoesNotContain("crm-secret", string.Join('\n', saved.Events.Select(e => e.Detail)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hanging_before_call_webhook_and_a_dead_MCP_server_do_not_stop_the_call()
    {
        _hook.Failure = FakeFailure.Hang;
        var deadMcp = new Uri(_mcp.Url, "/nothing-here").ToString();
        await _mcp.KillAsync();
        var record = new CallRecord { Id = "call-ext-2", StartedAt = DateTimeOffset.UtcNow };
        _box.Store.SaveCallRecord(record);

        var run = Coordinator().RunAsync(_box.Line, AgentWith(_hook.Url.ToString(), deadMcp, hookTimeoutMs: 300), record, CancellationToken.None);
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Count >= 1);
        _box.Line.CallerHangsUp();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("Hello caller.", record.Turns[0].Text);
        var saved = _box.Store.GetCallRecord("call-ext-2")!;
        Assert.Contains(saved.Events, e => e.Type == "mcp_failed" && e.Detail!.StartsWith("deliveries:", StringComparison.Ordinal));
        Assert.Contains(saved.Events, e => e.Type == "webhook" && e.Detail == "lookup_order before_call: failed timed out");
        Assert.Equal(CallStatuses.Completed, saved.Status);
    }
}
