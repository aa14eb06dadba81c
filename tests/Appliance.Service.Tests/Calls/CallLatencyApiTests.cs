using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Service.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Appliance.Service.Tests.Calls;

/// <summary>GET /v1/calls/latency over call records stored in the box's real LiteDB file, and the calls filter's statuses.</summary>
public sealed class CallLatencyApiTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly ApplianceFactory _box = new();

    public void Dispose() => _box.Dispose();

    private static CallTurn Answer(double endpointing, double stt, double llm, double tts, double onBox) => new()
    {
        Role = "agent", Text = "answer", EndpointingMs = endpointing, SttMs = stt, LlmFirstTokenMs = llm, TtsFirstAudioMs = tts,
        OnBoxMs = onBox, ResponseLatencyMs = endpointing + stt + llm + tts + onBox,
    };

    private void Store(string agent, DateTimeOffset started, params CallTurn[] turns) =>
        _box.Services.GetRequiredService<ConfigurationStore>().SaveCallRecord(new CallRecord
        {
            AgentId = agent, StartedAt = started, Status = CallStatuses.Completed,
            Turns = [new CallTurn { Role = "agent", Text = "Hello", TtsFirstAudioMs = 900 }, .. turns],
        });

    [Fact]
    public async Task Reports_the_stored_turn_timings_filtered_by_since_and_agent_as_snake_case_json()
    {
        Store("agent-a", Day.AddHours(-2), Answer(400, 100, 200, 50, 10)); // before `since`
        Store("agent-a", Day.AddHours(1), Answer(500, 150, 300, 80, 4), Answer(520, 170, 320, 90, 6));
        Store("agent-b", Day.AddHours(2), Answer(600, 110, 250, 70, 8));
        var api = _box.Api();

        var (status, all) = await api.GetJsonAsync("/v1/calls/latency");
        Assert.Equal(200, status);
        Assert.Equal(3, all["calls"]!.GetValue<int>());
        Assert.Equal(4, all["response"]!["count"]!.GetValue<int>());

        var (_, since) = await api.GetJsonAsync("/v1/calls/latency?since=2026-11-23T09:00:00Z");
        Assert.Equal(2, since["calls"]!.GetValue<int>());
        Assert.Equal(3, since["endpointing"]!["count"]!.GetValue<int>());
        Assert.Equal(600, since["endpointing"]!["max_ms"]!.GetValue<double>());

        var (_, one) = await api.GetJsonAsync("/v1/calls/latency?since=2026-11-23T09:00:00%2B00:00&agent_id=agent-a");
        Assert.Equal(1, one["calls"]!.GetValue<int>());
        Assert.Equal(2, one["on_box"]!["count"]!.GetValue<int>());
        Assert.Equal(4, one["on_box"]!["p50_ms"]!.GetValue<double>());
        Assert.Equal(6, one["on_box"]!["max_ms"]!.GetValue<double>());
        Assert.Equal(150 + 300 + 80, one["provider"]!["p50_ms"]!.GetValue<double>());
        Assert.Equal(320, one["llm_first_token"]!["max_ms"]!.GetValue<double>());
        Assert.Equal(90, one["tts_first_audio"]!["max_ms"]!.GetValue<double>()); // the greeting's 900 is no response
        Assert.Equal(520 + 170 + 320 + 90 + 6, one["response"]!["max_ms"]!.GetValue<double>());
    }

    [Fact]
    public async Task Needs_an_api_key_and_names_a_bad_since()
    {
        Assert.Equal(401, (await _box.CreateClient().GetJsonAsync("/v1/calls/latency")).Status);

        var (status, problem) = await _box.Api().GetJsonAsync("/v1/calls/latency?since=yesterday-ish");
        Assert.Equal(422, status);
        Assert.Equal(["since"], problem.ErrorFields());
    }

    [Fact]
    public void The_calls_filter_accepts_every_status_of_the_model_including_voicemail()
    {
        foreach (var status in CallStatuses.All)
        {
            var errors = new ValidationErrors();
            Assert.Equal(status, CallFilter.Parse(Query("status", status), errors).Status);
            Assert.True(errors.IsEmpty, status);
        }
        Assert.Contains(CallStatuses.Voicemail, CallStatuses.All);

        var bad = new ValidationErrors();
        CallFilter.Parse(Query("status", "answered"), bad);
        Assert.True(bad.Contains("status"));
    }

    private static QueryCollection Query(string name, string value) => new(new Dictionary<string, StringValues> { [name] = value });
}
