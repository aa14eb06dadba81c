using Appliance.Telephony.Tests.Interop;

namespace Appliance.Service.Tests.Calls;

/// <summary>
/// Warm (attended) transfer through the whole box against sipp peers: a sipp UAC (the PBX's side of
/// the caller) calls the box and speaks; the model (fake OpenAI server) calls transfer_call with
/// warm=true; the box puts the caller on hold, places the consultation call to a sipp UAS (the
/// target), briefs it in the agent's voice, then sends the caller's side a REFER with Replaces
/// naming the consultation dialog; sipp answers 202 and NOTIFY 200, and the box releases both legs.
/// </summary>
public sealed class WarmTransferCallTests : BoxCallTest
{
    [Fact]
    public async Task The_caller_is_held_the_target_briefed_and_the_call_handed_over_by_REFER_with_Replaces()
    {
        var api = Box.Api();
        var (connection, _) = await api.PostAsync("/v1/connections",
            $$"""{"name":"cloud","type":"openai_compatible","base_url":"{{Cloud.V1}}","api_key":"sk-test","model":"gpt-test"}""");
        Assert.Equal(201, connection);
        var targetPort = PeerProcess.FreePort();
        var (agentStatus, _) = await api.PostAsync("/v1/agents", $$"""
            {"name":"front-desk","welcome_message":"Welcome to Acme.","system_prompt":"You route callers.",
             "transfer_number":"sip:+15551230000@127.0.0.1:{{targetPort}}","warm_transfer_enabled":true,"tools":["transfer_call"],
             "phone_number":"custom","custom_phone_numbers":["+15550001234"],"interruption_sensitivity":0.2}
            """);
        Assert.Equal(201, agentStatus);
        Cloud.TranscriptText = "I would like to speak to sales";
        Cloud.ChatText = "Of course, one moment.";
        var port = SipPort;

        var target = Sipp.RunAsync("warm_transfer_target.xml", port, TimeSpan.FromSeconds(90), localPort: targetPort);
        var caller = Sipp.RunAsync("caller_asks_for_warm_transfer.xml", port, TimeSpan.FromSeconds(90), service: "+15550001234");
        // Once the first answer is being spoken, the next caller turn makes the model ask for the warm transfer.
        await WaitUntilAsync(() => Cloud.Received.Any(r => r.Path.EndsWith("/audio/speech", StringComparison.Ordinal)
            && r.Body.Contains("one moment", StringComparison.Ordinal)), TimeSpan.FromSeconds(40));
        Cloud.ChatToolCall = ("transfer_call", """{"target":"sales","warm":true}""");
        var (callerExit, callerOutput) = await caller;
        var (targetExit, targetOutput) = await target;
        Assert.True(callerExit == 0, "caller sipp failed:\n" + callerOutput);
        Assert.True(targetExit == 0, "target sipp failed:\n" + targetOutput);

        var store = Store;
        var record = store.ListCallRecords().Single();
        await WaitUntilAsync(() => store.GetCallRecord(record.Id)!.EndedAt is not null, TimeSpan.FromSeconds(10));
        record = store.GetCallRecord(record.Id)!;
        var (_, recordJson) = await api.GetJsonAsync($"/v1/calls/{record.Id}");
        Assert.True(record.Status == "transferred", "the call record:\n" + recordJson);
        // Both legs are in the record: the caller's call, and the consultation call to the target.
        Assert.Contains(record.Events, e => e.Type == "warm_transfer" && e.Detail!.Contains(":" + targetPort, StringComparison.Ordinal));
        Assert.Contains(record.Events, e => e.Type == "consult_answered" && e.Detail!.Contains("(call ", StringComparison.Ordinal));
        var handover = Assert.Single(record.Events, e => e.Type == "handover");
        Assert.Contains("front-desk", handover.Detail, StringComparison.Ordinal);
        Assert.Contains("speak to sales", handover.Detail, StringComparison.Ordinal);
        Assert.Contains(record.Events, e => e.Type == "consult_result" && e.Detail == "joined");
        Assert.Contains(record.Events, e => e.Type == "transfer_result" && e.Detail == "accepted");
        // The briefing was synthesized in the agent's voice (and played on the consultation leg).
        Assert.Contains(Cloud.Received, r => r.Path.EndsWith("/audio/speech", StringComparison.Ordinal)
            && r.Body.Contains("speak to sales", StringComparison.Ordinal));
    }
}
