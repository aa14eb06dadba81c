using Appliance.Configuration.Model;
using Appliance.Conversation.Reports;

namespace Appliance.Conversation.Tests.Reports;

public sealed class CallLatencyReportTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static CallTurn Answer(double endpointing, double stt, double llm, double tts, double onBox) => new()
    {
        Role = "agent", EndpointingMs = endpointing, SttMs = stt, LlmFirstTokenMs = llm, TtsFirstAudioMs = tts, OnBoxMs = onBox,
        ResponseLatencyMs = endpointing + stt + llm + tts + onBox,
    };

    private static CallRecord Call(string agent, DateTimeOffset started, params CallTurn[] turns) =>
        new() { Id = Guid.NewGuid().ToString("N"), AgentId = agent, StartedAt = started, Turns = [.. turns] };

    [Fact]
    public void Percentiles_split_endpointing_providers_and_on_box_time_over_answered_turns_only()
    {
        // Twenty answered turns whose on-box time is 1..20 ms and STT 100..1900 ms, plus a greeting with no caller turn.
        var turns = new List<CallTurn> { new() { Role = "agent", Text = "Hello", TtsFirstAudioMs = 999 } };
        for (var i = 1; i <= 20; i++)
        {
            turns.Add(Answer(endpointing: 500, stt: 100 * i, llm: 300, tts: 200, onBox: i));
        }
        var report = CallLatencyReport.Build([Call("a", Day, [.. turns])]);

        Assert.Equal(1, report.Calls);
        Assert.Equal(20, report.Response.Count);
        Assert.Equal(new LatencyStats(20, 10, 19, 20), report.OnBox);
        Assert.Equal(new LatencyStats(20, 1000, 1900, 2000), report.Stt);
        Assert.Equal(new LatencyStats(20, 500, 500, 500), report.Endpointing);
        Assert.Equal(new LatencyStats(20, 200, 200, 200), report.TtsFirstAudio); // the greeting's 999 is not a response
        Assert.Equal(1500, report.Provider.P50Ms); // 1000 + 300 + 200
        Assert.Equal(500 + 2000 + 300 + 200 + 20, report.Response.MaxMs);
    }

    [Fact]
    public void Since_and_agent_select_the_calls()
    {
        var records = new[]
        {
            Call("a", Day.AddDays(-2), Answer(400, 100, 100, 100, 50)),
            Call("a", Day, Answer(400, 100, 100, 100, 7)),
            Call("b", Day, Answer(400, 100, 100, 100, 90)),
        };

        var report = CallLatencyReport.Build(records, since: Day.AddHours(-1), agentId: "a");

        Assert.Equal(1, report.Calls);
        Assert.Equal(new LatencyStats(1, 7, 7, 7), report.OnBox);
        Assert.Equal(LatencyStats.Empty, CallLatencyReport.Build(records, agentId: "nobody").Response);
        Assert.Equal(3, CallLatencyReport.Build(records).Calls);
    }
}
