using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Conversation.Tests.Fakes;

namespace Appliance.Conversation.Tests.Session;

/// <summary>
/// take_message and send_email on a live call: the model calls them through the fake cloud, the
/// box's smtp connection points at a tiny SMTP server on 127.0.0.1, and the test reads what arrived.
/// </summary>
public sealed class MessageToolsTests : IAsyncLifetime
{
    private LiveCallBox _box = null!;
    private readonly FakeSmtpServer _smtp = new();

    public async Task InitializeAsync()
    {
        _box = await LiveCallBox.StartAsync();
        _box.Store.CreateConnection(JsonNode.Parse($$"""
            {"name":"mail","type":"smtp","host":"127.0.0.1","port":{{_smtp.Port}},"from_address":"box@acme.test"}
            """)!.AsObject());
    }

    public async Task DisposeAsync()
    {
        await _box.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static Agent Agent() => new()
    {
        Id = "agent-mail", Name = "mail-bot", WelcomeMessage = "Hello.", NoInputPokeSec = null, NoInputEndConversationSec = 60,
        InterruptionSensitivity = 0.2, Tools = ["take_message"], EmailEnabled = true,
        NotificationEmails = ["office@acme.test", "boss@acme.test"],
    };

    /// <summary>Runs a call in which the caller speaks once and the model answers with <paramref name="script"/>.</summary>
    private async Task<CallRecord> CallAsync(string lastWords, params FakeChatReply[] script)
    {
        foreach (var reply in script)
        {
            _box.Cloud.ChatScript.Enqueue(reply);
        }
        var record = new CallRecord { Id = "call-" + Guid.NewGuid().ToString("N"), StartedAt = DateTimeOffset.UtcNow };
        _box.Store.SaveCallRecord(record);
        var run = _box.Coordinator().RunAsync(_box.Line, Agent(), record, CancellationToken.None);
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Count >= 1);
        _box.Line.Say(CallerAudio.Voice(1.2));
        await LiveCallBox.WaitUntilAsync(() => record.Turns.Exists(t => t.Role == "agent" && t.Text.Contains(lastWords, StringComparison.Ordinal)));
        _box.Line.CallerHangsUp();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
        return _box.Store.GetCallRecord(record.Id)!;
    }

    [Fact]
    public async Task take_message_records_the_message_and_callback_number_and_mails_it_to_the_notification_addresses()
    {
        var record = await CallAsync("passed it on",
            FakeChatReply.Tool("take_message", """{"callerName":"Ada Lovelace","callbackNumber":"+44 20 7946 0018","message":"Please call about the invoice."}"""),
            new FakeChatReply("I have passed it on."));

        Assert.Equal("Ada Lovelace", record.Message?.Name);
        Assert.Equal("+44 20 7946 0018", record.Message?.Number);
        Assert.Equal("Please call about the invoice.", record.Message?.Text);
        Assert.Contains(record.Events, e => e.Type == "tool_result" && e.Detail!.Contains("message recorded and e-mailed", StringComparison.Ordinal));
        var mail = Assert.Single(_smtp.Received);
        Assert.Equal("box@acme.test", mail.From);
        Assert.Equal(["office@acme.test", "boss@acme.test"], mail.To);
        Assert.Contains("Subject: Message from Ada Lovelace", mail.Data, StringComparison.Ordinal);
        Assert.Contains("Please call about the invoice.", mail.Data, StringComparison.Ordinal);
        Assert.Contains("+44 20 7946 0018", mail.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task send_email_goes_only_to_a_notification_address_and_bad_arguments_are_refused()
    {
        var record = await CallAsync("All done",
            FakeChatReply.Tool("send_email", """{"subject":"Hi","body":"spam","to":"victim@elsewhere.test"}"""),
            FakeChatReply.Tool("send_email", """{"subject":"Line one\r\nBcc: x@y.test","body":"b"}"""),
            FakeChatReply.Tool("send_email", """{"subject":"Booking request","body":"Table for 4 on Friday.","to":"BOSS@acme.test"}"""),
            new FakeChatReply("All done."));

        var mail = Assert.Single(_smtp.Received);
        Assert.Equal(["boss@acme.test"], mail.To);
        Assert.Contains("Subject: Booking request", mail.Data, StringComparison.Ordinal);
        Assert.Contains("Table for 4 on Friday.", mail.Data, StringComparison.Ordinal);
        var results = record.Events.Where(e => e.Type == "tool_result").Select(e => e.Detail!).ToList();
        Assert.True(results.Count == 3, string.Join("\n", results));
        Assert.Contains("to must be one of the notification addresses of this agent", results[0], StringComparison.Ordinal);
        Assert.True(results[1].Contains("subject must be one line", StringComparison.Ordinal), results[1]);
        Assert.Contains("e-mail sent", results[2], StringComparison.Ordinal);
        Assert.Contains(record.Events, e => e.Type == "email_sent" && e.Detail == "boss@acme.test: Booking request");
    }
}
