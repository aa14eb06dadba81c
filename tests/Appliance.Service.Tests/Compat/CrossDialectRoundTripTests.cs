using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Compat;

/// <summary>An agent made through one dialect, read through each other, keeps every value both can express.</summary>
public sealed class CrossDialectRoundTripTests : IClassFixture<CompatBox>
{
    private const string AgentPhone = "/compat/agentphone/v1/agents";
    private const string AgentConfig = "/compat/agentconfig/agents";
    private const string Vocode = "/compat/vocode/v1/numbers";
    private readonly ApplianceFactory _factory;

    public CrossDialectRoundTripTests(CompatBox box) => _factory = box.Factory;

    private static void Same(JsonNode? expected, JsonNode? actual, string what) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{what}: expected {expected?.ToJsonString()}, got {actual?.ToJsonString()}");

    [Fact]
    public async Task Made_through_seed_001_read_through_native_004_and_003()
    {
        var api = _factory.Api();
        var (status, made) = await api.PostAsync(AgentPhone, """
            {"name":"Round Trip","description":"Desk","voiceMode":"hosted","systemPrompt":"Be kind.","beginMessage":"Hola",
             "transferNumber":"+15551234567","language":"es-US","ambientSound":"coffee-shop","voiceSpeed":1.2,"maxSilenceMs":120000,
             "interruptionSensitivity":0.3,"sttMode":"accurate","enableBackchannel":false,"voicemailMessage":"Call back"}
            """);
        Assert.Equal(200, status);
        var id = made["id"]!.GetValue<string>();

        var (_, native) = await api.GetJsonAsync($"/v1/agents/{id}");
        Same(made["name"], native["display_name"], "display_name");
        Same(made["systemPrompt"], native["system_prompt"], "system_prompt");
        Same(made["beginMessage"], native["welcome_message"], "welcome_message");
        Same(made["voiceSpeed"], native["audio_speed"], "audio_speed");
        Same(JsonValue.Create(120), native["no_input_end_conversation_sec"], "no_input_end_conversation_sec");
        Same(made["interruptionSensitivity"], native["interruption_sensitivity"], "interruption_sensitivity");
        Same(made["voicemailMessage"], native["voicemail_message"], "voicemail_message");
        Same(made["sttMode"], native["stt_mode"], "stt_mode");
        Same(made["enableBackchannel"], native["enable_backchannel"], "enable_backchannel");

        var (_, v004) = await api.GetJsonAsync($"{AgentConfig}/{id}");
        Same(made["name"], v004["name"], "004 name");
        Same(made["description"], v004["description"], "004 description");
        Same(made["systemPrompt"], v004["system_prompt"], "004 system_prompt");
        Same(made["beginMessage"], v004["initial_message"], "004 initial_message");
        Same(made["transferNumber"], v004["transfer_number"], "004 transfer_number");
        Same(made["language"], v004["language"], "004 language");
        Same(made["ambientSound"], v004["config"]!["ambient_type"], "004 config.ambient_type");
        Assert.True(v004["config"]!["background_audio_enabled"]!.GetValue<bool>());

        var (_, number) = await api.PostAsync("/v1/phone-numbers", """{"number":"+15559990001"}""");
        var (linked, v003) = await api.PostAsync($"{Vocode}/update?phone_number=%2B15559990001", $$"""{"inbound_agent":"{{id}}"}""");
        Assert.Equal(200, linked);
        Same(made["name"], v003["inbound_agent_name"], "003 inbound_agent_name");
        _ = number;

        // 004 GET → PUT of the whole view changes nothing 001 sees; 004-only settings survive 001 edits.
        (_, v004) = await api.GetJsonAsync($"{AgentConfig}/{id}");
        var (echo, echoProblem) = await api.PutAsync($"{AgentConfig}/{id}", v004.ToJsonString());
        Assert.True(echo == 200, echoProblem.ToJsonString());
        var (_, after004) = await api.GetJsonAsync($"{AgentPhone}/{id}");
        Same(made, after004, "001 view after a 004 echo");
        await api.PutAsync($"{AgentConfig}/{id}", """{"warm_transfer_enabled":true,"integrations":{"custom":{"x":"1"}}}""");
        var (edited, _) = await api.SendAsync(HttpMethod.Patch, $"{AgentPhone}/{id}", after004.ToJsonString());
        Assert.Equal(200, edited);
        var (_, kept) = await api.GetJsonAsync($"{AgentConfig}/{id}");
        Assert.True(kept["warm_transfer_enabled"]!.GetValue<bool>());
        Same(JsonValue.Create("1"), kept["integrations"]!["custom"]!["x"], "integration kept");
    }

    [Fact]
    public async Task Made_through_seed_003_read_through_001_004_and_native()
    {
        var api = _factory.Api();
        await api.PostAsync("/v1/phone-numbers", """{"number":"+15559990002"}""");
        var (status, number) = await api.PostAsync($"{Vocode}/update?phone_number=%2B15559990002", """
            {"inbound_agent":{"name":"Line Agent","prompt":"Help callers.","initial_message":"Hi there","language":"de",
             "interrupt_sensitivity":"high","conversation_speed":1.1,
             "actions":[{"type":"action_transfer_call","config":{"phone_number":"+15557654321"}}]}}
            """);
        Assert.True(status == 200, number.ToJsonString());
        var id = number["inbound_agent"]!.GetValue<string>();

        var (_, v001) = await api.GetJsonAsync($"{AgentPhone}/{id}");
        Assert.Equal("Line Agent", v001["name"]!.GetValue<string>());
        Assert.Equal("Help callers.", v001["systemPrompt"]!.GetValue<string>());
        Assert.Equal("Hi there", v001["beginMessage"]!.GetValue<string>());
        Assert.Equal("+15557654321", v001["transferNumber"]!.GetValue<string>());
        Assert.Equal("de", v001["language"]!.GetValue<string>());
        Assert.Equal(0.8, v001["interruptionSensitivity"]!.GetValue<double>());
        Assert.Equal(1.1, v001["voiceSpeed"]!.GetValue<double>());

        var (_, v004) = await api.GetJsonAsync($"{AgentConfig}/{id}");
        Assert.Equal("Help callers.", v004["system_prompt"]!.GetValue<string>());
        Assert.Equal("Hi there", v004["initial_message"]!.GetValue<string>());
        Assert.Equal("+15557654321", v004["transfer_number"]!.GetValue<string>());
        Assert.Equal("de", v004["language"]!.GetValue<string>());
        Assert.Equal(200, (await api.PutAsync($"{AgentConfig}/{id}", v004.ToJsonString())).Status);

        var (_, native) = await api.GetJsonAsync($"/v1/agents/{id}");
        Assert.Contains("+15559990002", native["custom_phone_numbers"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("transfer_call", native["tools"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Made_through_phonic_with_values_outside_other_enums_survives_their_round_trips()
    {
        var api = _factory.Api();
        var (_, upsert) = await api.PostAsync("/v1/agents/upsert", """
            {"name":"phonic-made","background_noise":"call-center","background_noise_level":0.1,"welcome_message":"Hey",
             "default_language":"fr","additional_languages":["en"],"audio_speed":1.3}
            """);
        var id = upsert["agent"]!["id"]!.GetValue<string>();
        var (_, v001) = await api.GetJsonAsync($"{AgentPhone}/{id}");
        Assert.Equal("call-center", v001["ambientSound"]!.GetValue<string>());
        Assert.Equal("fr", v001["language"]!.GetValue<string>());
        Assert.Equal("Hey", v001["beginMessage"]!.GetValue<string>());
        Assert.Equal(1.3, v001["voiceSpeed"]!.GetValue<double>());
        var (_, before) = await api.GetJsonAsync($"/v1/agents/{id}");
        Assert.Equal(200, (await api.PutAsync($"{AgentPhone}/{id}", v001.ToJsonString())).Status);
        var (_, v004) = await api.GetJsonAsync($"{AgentConfig}/{id}");
        Assert.Equal(200, (await api.PutAsync($"{AgentConfig}/{id}", v004.ToJsonString())).Status);
        var (_, after) = await api.GetJsonAsync($"/v1/agents/{id}");
        after.Remove("updated_at");
        before.Remove("updated_at");
        Same(before, after, "native view after 001 and 004 echoes");
    }
}
