using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Providers.Local;
using Appliance.Conversation.Providers.Webhook;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Conversation.Tests.Providers;

/// <summary>voiceMode "webhook" against a real local webhook.</summary>
public sealed class WebhookVoiceTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
    private readonly List<StageReport> _reports = [];
    private FakeWebhookServer _hook = null!;

    public async Task InitializeAsync() => _hook = await FakeWebhookServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _hook.DisposeAsync();
        _http.Dispose();
    }

    private IChatClient Answerer(string? secret = "whsec-write-only") =>
        new ProviderChainFactory(_http, new EndpointGuards(_time)).WebhookAnswerer(
            new WebhookEndpoint { Name = "agent-hook", Url = _hook.Url, Secret = secret, Timeout = TimeSpan.FromSeconds(3) },
            new WebhookCallContext("call-42", "agent-7", "+441234567890", "+15550100"),
            new MessageTakerChatClient(),
            _reports.Add);

    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "secret system prompt"),
        new(ChatRole.Assistant, "Hi, how can I help?"),
        new(ChatRole.User, "Is the shop open on Sunday?"),
    ];

    [Fact]
    public async Task Posts_the_turn_signed_and_speaks_the_json_reply()
    {
        var reply = await Answerer().GetResponseAsync(Conversation);

        Assert.Equal("Hello from the webhook", reply.Text);
        var (body, signature, method, _) = Assert.Single(_hook.Received);
        Assert.Equal("POST", method);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("Is the shop open on Sunday?", json["transcript"]!.GetValue<string>());
        Assert.Equal("call-42", json["call_id"]!.GetValue<string>());
        Assert.Equal("+441234567890", json["caller"]!.GetValue<string>());
        Assert.Equal("assistant", json["history"]![0]!["role"]!.GetValue<string>());
        Assert.DoesNotContain("secret system prompt", body, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec-write-only", body, StringComparison.Ordinal);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData("whsec-write-only"u8.ToArray(), Encoding.UTF8.GetBytes("1800000000." + body)));
        Assert.Equal($"t=1800000000,v1={expected}", signature);
        Assert.Equal("agent-hook", Assert.Single(_reports).ServedBy);
    }

    [Theory]
    [InlineData("text/event-stream", "data: {\"text\":\"Yes, \"}\n\n|data: {\"text\":\"from ten \"}\n\n|data: until four.\n\n|data: [DONE]\n\n")]
    [InlineData("application/x-ndjson", "{\"text\":\"Yes, \"}\n|{\"text\":\"from ten \"}\n|{\"text\":\"until four.\"}\n")]
    [InlineData("text/plain", "Yes, |from ten |until four.")]
    public async Task Streams_the_reply_piece_by_piece(string contentType, string pieces)
    {
        _hook.Reply = (contentType, pieces.Split('|'));
        var updates = new List<string>();

        await foreach (var update in Answerer(secret: null).GetStreamingResponseAsync(Conversation))
        {
            updates.Add(update.Text);
        }

        Assert.Equal("Yes, from ten until four.", string.Concat(updates));
        // Lines are pieces by definition; plain text is cut wherever the reads fall.
        Assert.True(updates.Count >= (contentType == "text/plain" ? 1 : 3));
        Assert.Null(Assert.Single(_hook.Received).Signature);
    }

    [Fact]
    public async Task A_failing_webhook_falls_back_to_the_next_answerer()
    {
        _hook.Failure = FakeFailure.ServerError;

        var reply = await Answerer().GetResponseAsync(Conversation);

        Assert.Contains("take a message", reply.Text, StringComparison.Ordinal);
        var report = Assert.Single(_reports);
        Assert.Equal(ProviderStage.Webhook, report.Stage);
        Assert.True(report.Degraded);
        Assert.Equal(AttemptOutcome.Failed, report.Attempts[0].Outcome);
    }

    [Fact]
    public async Task A_webhook_that_does_not_answer_in_time_falls_back()
    {
        _hook.Failure = FakeFailure.Hang;

        var reply = Answerer().GetResponseAsync(Conversation);
        await _hook.WaitForRequestAsync();
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Contains("take a message", (await reply.WaitAsync(TimeSpan.FromSeconds(10))).Text, StringComparison.Ordinal);
        Assert.Equal(AttemptOutcome.TimedOut, Assert.Single(_reports).Attempts[0].Outcome);
    }

    [Theory]
    [InlineData("application/json", "{not json")]
    [InlineData("image/png", "\u0089PNG")]
    public async Task A_malformed_reply_falls_back(string contentType, string body)
    {
        _hook.Reply = (contentType, [body]);

        var reply = await Answerer().GetResponseAsync(Conversation);

        Assert.Contains("take a message", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runaway_reply_is_cut_at_the_limit()
    {
        _hook.Reply = ("text/plain", Enumerable.Repeat(new string('a', 1000), 40).ToArray());

        var reply = await Answerer().GetResponseAsync(Conversation);

        Assert.Equal(16_000, reply.Text.Length);
    }
}
