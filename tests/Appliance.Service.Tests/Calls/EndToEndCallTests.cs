using Appliance.Telephony.Tests.Interop;

namespace Appliance.Service.Tests.Calls;

/// <summary>
/// A real call through the whole box: sipp dials a configured number over SIP and speaks (PCMA RTP
/// from sipp's bundled recording); a local HTTP server speaks the OpenAI wire protocol for
/// transcription, streaming chat (with a tool call) and speech (espeak-ng audio); the agent greets,
/// answers, then transfers by REFER; the call record holds all of it.
/// </summary>
public sealed class EndToEndCallTests : BoxCallTest
{
    [Fact]
    public async Task A_caller_is_greeted_answered_and_transferred_by_the_configured_agent()
    {
        var api = Box.Api();
        var (connection, _) = await api.PostAsync("/v1/connections",
            $$"""{"name":"cloud","type":"openai_compatible","base_url":"{{Cloud.V1}}","api_key":"sk-test-secret","model":"gpt-test"}""");
        Assert.Equal(201, connection);
        var (agentStatus, agent) = await api.PostAsync("/v1/agents", """
            {"name":"billing-bot","welcome_message":"Welcome to Acme.","system_prompt":"You route callers.",
             "transfer_number":"+15551230000","tools":["transfer_call"],"phone_number":"custom","custom_phone_numbers":["+15550001234"],
             "interruption_sensitivity":0.2,"recording_enabled":true}
            """);
        Assert.Equal(201, agentStatus);
        Cloud.TranscriptText = "I have a question about my bill";
        Cloud.ChatText = "Sure, I can help with billing.";
        var port = SipPort;

        // The first answer is spoken; once it is being synthesized, the next turn makes the model transfer.
        var sipp = Sipp.RunAsync("caller_asks_for_transfer.xml", port, TimeSpan.FromSeconds(75), service: "+15550001234");
        await WaitUntilAsync(() => Cloud.Received.Any(r => r.Path.EndsWith("/audio/speech", StringComparison.Ordinal)
            && r.Body.Contains("help with billing", StringComparison.Ordinal)), TimeSpan.FromSeconds(40));
        Cloud.ChatToolCall = ("transfer_call", """{"target":"+15551230000","warm":false}""");
        var (exit, output) = await sipp;
        Assert.True(exit == 0, "sipp failed:\n" + output);

        var store = Store;
        var record = store.ListCallRecords().Single();
        await WaitUntilAsync(() => store.GetCallRecord(record.Id)!.EndedAt is not null, TimeSpan.FromSeconds(10));
        record = store.GetCallRecord(record.Id)!;
        var (_, recordJson) = await api.GetJsonAsync($"/v1/calls/{record.Id}");
        Assert.True(record.Status == "transferred", "the call record:\n" + recordJson + "\nsipp:\n" + output);
        Assert.Equal("billing-bot", record.AgentName);
        Assert.Equal("+15550001234", record.CalledNumber);
        Assert.Equal("+15557654321", record.CallerNumber);
        Assert.Equal("Welcome to Acme.", record.Turns[0].Text);
        Assert.Contains(record.Turns, t => t.Role == "caller" && t.Text == "I have a question about my bill");
        var answer = Assert.Single(record.Turns, t => t.Role == "agent" && t.Text.Contains("help with billing", StringComparison.Ordinal));
        Assert.NotNull(answer.ResponseLatencyMs);
        Assert.NotNull(answer.SttMs);
        Assert.NotNull(answer.LlmFirstTokenMs);
        Assert.NotNull(answer.TtsFirstAudioMs);
        Assert.Contains(record.Events, e => e.Type == "transfer" && e.Detail == "+15551230000");
        Assert.Contains(record.Events, e => e.Type == "transfer_result" && e.Detail == "accepted");
        Assert.False(record.Degraded);
        Assert.True(record.Quality is { PacketsReceived: > 100 }, "RTP statistics are recorded");

        // The cloud saw a transcription, streamed chats offering the transfer tool, and speech requests, all with the key.
        Assert.Contains(Cloud.Received, r => r.Path.EndsWith("/audio/transcriptions", StringComparison.Ordinal));
        Assert.Contains(Cloud.Received, r => r.Path.EndsWith("/audio/speech", StringComparison.Ordinal) && r.Body.Contains("Welcome to Acme.", StringComparison.Ordinal));
        var chat = Cloud.Received.First(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
        Assert.Contains("transfer_call", chat.Body, StringComparison.Ordinal);
        Assert.Contains("You route callers.", chat.Body, StringComparison.Ordinal);
        Assert.All(Cloud.Received, r => Assert.Equal("Bearer sk-test-secret", r.Authorization));

        // The call was recorded: the greeting and the caller's speech are in the file.
        using var wav = await api.GetAsync($"/v1/calls/{record.Id}/recording");
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType?.MediaType);
        var samples = Appliance.Audio.Wav.WavFile.Read(await wav.Content.ReadAsStreamAsync(), out var rate);
        Assert.Equal(8000, rate);
        // The file covers the answered call: never longer than it, and most of it even when a loaded
        // test machine starves the media tick (it then drops frames rather than burst them).
        var answeredSeconds = (record.EndedAt!.Value - record.AnsweredAt!.Value).TotalSeconds;
        var recordedSeconds = samples.Length / 8000.0;
        Assert.True(recordedSeconds <= answeredSeconds + 0.5 && recordedSeconds >= answeredSeconds * 0.6,
            $"{recordedSeconds:0.0} s recorded of a {answeredSeconds:0.0} s call");
        Assert.True(Rms(samples) > 300, "the recording is not silence");

        // And the API shows the same record.
        var (status, call) = await api.GetJsonAsync($"/v1/calls/{record.Id}");
        Assert.Equal(200, status);
        Assert.Equal("transferred", call["status"]!.GetValue<string>());
        Assert.DoesNotContain("sk-test-secret", call.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_cloud_dies_mid_call_the_box_keeps_the_call_in_degraded_mode_to_a_clean_end()
    {
        var api = Box.Api();
        await api.PostAsync("/v1/connections", $$"""{"name":"cloud","type":"openai_compatible","base_url":"{{Cloud.V1}}","api_key":"k","timeout_ms":1500}""");
        await api.PostAsync("/v1/agents", """
            {"name":"front-desk","welcome_message":"Welcome to Acme.","phone_number":"custom","custom_phone_numbers":["+15550001234"],
             "interruption_sensitivity":0.2}
            """);
        Cloud.TranscriptText = "Hello, is anyone there?";
        Cloud.ChatText = "Yes, how can I help?";
        var port = SipPort;

        var sipp = Sipp.RunAsync("caller_speaks_and_hangs_up.xml", port, TimeSpan.FromSeconds(75), service: "+15550001234");
        await WaitUntilAsync(() => Cloud.Received.Any(r => r.Path.Contains("chat", StringComparison.Ordinal)), TimeSpan.FromSeconds(40));
        await Cloud.DisposeAsync(); // the internet goes away mid-call
        var (exit, output) = await sipp;
        Assert.True(exit == 0, "sipp failed:\n" + output);

        var store = Store;
        var id = store.ListCallRecords().Single().Id;
        await WaitUntilAsync(() => store.GetCallRecord(id)!.EndedAt is not null, TimeSpan.FromSeconds(10));
        var record = store.GetCallRecord(id)!;
        var (_, recordJson) = await api.GetJsonAsync($"/v1/calls/{id}");
        Assert.True(record.Status == "completed" && record.EndReason == "remote-bye", recordJson.ToJsonString());
        Assert.True(record.Degraded, "the record says the call ran degraded");
        // The cloud answered first; after it died the local message taker carried on.
        Assert.Contains(record.Turns, t => t.Role == "agent" && t.Text.Contains("how can I help", StringComparison.Ordinal));
        Assert.Contains(record.Turns, t => t.Role == "agent" && t.Text.Contains("take a message", StringComparison.Ordinal));
        Assert.DoesNotContain(record.Events, e => e.Type == "error");
    }

    private static double Rms(short[] samples)
    {
        double sum = 0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }
}
