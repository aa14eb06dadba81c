using Appliance.Audio.Tones;
using Appliance.Configuration.Model;
using Appliance.Hal.Simulated;
using Appliance.Service.Hal;
using Appliance.Service.Tests.Calls;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Service.Tests.Hal;

/// <summary>
/// POST /v1/calls on a box with an analog line and no PBX: the call leaves on the simulated board's analog line, which
/// hears dial tone, dials the digits, hears ringback and then the answer; the agent greets the far
/// end and the record says analog/outbound. A busy far end leaves a failed record with the reason.
/// </summary>
public sealed class AnalogOutboundCallTests : BoxCallTest
{
    private SimulatedExchange Exchange => Box.Services.GetRequiredService<BoardHost>().Simulated!.Exchange;

    private async Task<HttpClient> ConfigureAgentAsync()
    {
        var api = Box.Api();
        Assert.Equal(201, (await api.PostAsync("/v1/connections",
            $$"""{"name":"cloud","type":"openai_compatible","base_url":"{{Cloud.V1}}","api_key":"sk-test","model":"gpt-test"}""")).Status);
        Assert.Equal(201, (await api.PostAsync("/v1/connections", """{"name":"pstn","type":"analog_line"}""")).Status);
        Assert.Equal(201, (await api.PostAsync("/v1/agents",
            """{"name":"reminder","welcome_message":"Hello, this is Acme with a reminder.","interruption_sensitivity":0.2}""")).Status);
        return api;
    }

    [Fact]
    public async Task With_no_PBX_a_call_is_dialled_on_the_analog_line_and_the_agent_greets_the_far_end()
    {
        var api = await ConfigureAgentAsync();
        Exchange.ExpectOutgoingCall(TonePlan.US, OutgoingCallOutcome.Answer, ringbackCycles: 2);

        var (status, body) = await api.PostAsync("/v1/calls", """{"agent":"reminder","to":"5550109"}""");

        Assert.True(status == 202, body.ToJsonString());
        var id = body["id"]!.GetValue<string>();
        await WaitUntilAsync(() => Store.GetCallRecord(id)!.Turns.Count > 0, TimeSpan.FromSeconds(60));
        Assert.Equal("5550109", Exchange.DialledDigits);
        var record = Store.GetCallRecord(id)!;
        Assert.Equal(TelephonyProviders.Analog, record.Line);
        Assert.Equal(CallDirections.Outbound, record.Direction);
        Assert.Equal("5550109", record.CalledNumber);
        Assert.Equal("Hello, this is Acme with a reminder.", record.Turns[0].Text);
        // A second call while the line is busy is refused, naming the field.
        var (busy, problem) = await api.PostAsync("/v1/calls", """{"agent":"reminder","to":"5550110"}""");
        Assert.True(busy == 409, problem.ToJsonString());
    }

    [Fact]
    public async Task A_busy_far_end_leaves_a_failed_record_with_the_reason_and_the_line_on_hook()
    {
        var api = await ConfigureAgentAsync();
        Exchange.ExpectOutgoingCall(TonePlan.US, OutgoingCallOutcome.Busy);

        var (status, body) = await api.PostAsync("/v1/calls", """{"agent":"reminder","to":"5550199"}""");

        Assert.True(status == 202, body.ToJsonString());
        var id = body["id"]!.GetValue<string>();
        await WaitUntilAsync(() => Store.GetCallRecord(id)!.EndedAt is not null, TimeSpan.FromSeconds(40));
        var record = Store.GetCallRecord(id)!;
        Assert.Equal(CallStatuses.Failed, record.Status);
        Assert.Contains("Busy", record.EndReason, StringComparison.Ordinal);
        Assert.Empty(record.Turns);
        Assert.Equal("on_hook", (await api.GetJsonAsync("/v1/system/board")).Body["hook"]!.GetValue<string>());
    }
}
