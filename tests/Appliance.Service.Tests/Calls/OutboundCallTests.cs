using System.Globalization;
using Appliance.Configuration.Store;
using Appliance.Telephony.Tests.Interop;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Service.Tests.Calls;

/// <summary>POST /v1/calls places a call with an agent and template variables; sipp answers as the callee.</summary>
public sealed class OutboundCallTests : IAsyncLifetime
{
    private readonly ApplianceFactory _box = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _box.DisposeAsync();

    [Fact]
    public async Task An_outbound_reminder_call_greets_with_the_call_variables_and_hangs_up_on_silence()
    {
        var api = _box.Api();
        var (created, _) = await api.PostAsync("/v1/agents", """
            {"name":"reminder","welcome_message":"Hello {{name}}, this is a reminder from Acme.",
             "template_variables":{"name":{"default_value":"there"}},"no_input_poke_sec":null,"no_input_end_conversation_sec":2}
            """);
        Assert.Equal(201, created);
        var calleePort = PeerProcess.FreePort();
        var dir = PeerProcess.TempDirectory();
        await using var callee = PeerProcess.Start("sipp", dir, "-sn", "uas", "-i", "127.0.0.1",
            "-p", calleePort.ToString(CultureInfo.InvariantCulture), "-m", "1", "-timeout", "40s", "-timeout_error", "-nostdin");
        await Task.Delay(300); // sipp binds its port

        var (status, call) = await api.PostAsync("/v1/calls",
            $$$"""{"agent":"reminder","to":"sip:+15551112222@127.0.0.1:{{{calleePort}}}","template_variables":{"name":"Ana"}}""");
        Assert.Equal(202, status);
        Assert.Equal("outbound", call["direction"]!.GetValue<string>());
        Assert.Equal(0, await callee.WaitAsync(TimeSpan.FromSeconds(45)));

        var store = _box.Services.GetRequiredService<ConfigurationStore>();
        var id = call["id"]!.GetValue<string>();
        for (var i = 0; i < 50 && store.GetCallRecord(id)!.EndedAt is null; i++)
        {
            await Task.Delay(100);
        }
        var record = store.GetCallRecord(id)!;
        Assert.Equal("completed", record.Status);
        Assert.Equal("no input", record.EndReason);
        Assert.Equal("Hello Ana, this is a reminder from Acme.", record.Turns[0].Text);
        Assert.Equal("sip:+15551112222@127.0.0.1:" + calleePort, record.CalledNumber);
    }

    [Theory]
    [InlineData("""{"agent":"nobody","to":"+15551112222"}""", "agent")]
    [InlineData("""{"agent":"caller","to":"not a number"}""", "to")]
    [InlineData("""{"agent":"caller","to":"+15551112222"}""", "to")]
    [InlineData("""{"agent":"caller","to":"+15551112222","from_number":"+15550000000"}""", "from_number")]
    [InlineData("""{"agent":"caller","to":"+15551112222","ring_time":5}""", "ring_time")]
    [InlineData("""{"agent":"caller","to":"sip:a@127.0.0.1","template_variables":{"x":1}}""", "template_variables.x")]
    public async Task Bad_outbound_requests_name_the_field(string body, string field)
    {
        var api = _box.Api();
        await api.PostAsync("/v1/agents", """{"name":"caller"}""");
        var (status, problem) = await api.PostAsync("/v1/calls", body);
        Assert.Equal(422, status);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Empty(_box.Services.GetRequiredService<ConfigurationStore>().ListCallRecords());
    }
}
