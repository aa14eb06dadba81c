namespace Appliance.Service.Tests.Api;

/// <summary>Every seed rule, refused with the offending field named, and nothing stored.</summary>
public sealed class AgentValidationTests : IClassFixture<AgentValidationTests.Box>
{
    public sealed class Box : IDisposable
    {
        public ApplianceFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    private readonly ApplianceFactory _factory;

    public AgentValidationTests(Box box) => _factory = box.Factory;

    [Theory]
    [InlineData("""{"name":"Bad Name"}""", "name")]
    [InlineData("""{"name":"ok","audio_speed":1.6}""", "audio_speed")]
    [InlineData("""{"name":"ok","audio_speed":0.4}""", "audio_speed")]
    [InlineData("""{"name":"ok","audio_speed":"fast"}""", "audio_speed")]
    [InlineData("""{"name":"ok","background_noise_level":0.3}""", "background_noise_level")]
    [InlineData("""{"name":"ok","background_noise":"jungle"}""", "background_noise")]
    [InlineData("""{"name":"ok","inbound_rollout":1.5}""", "inbound_rollout")]
    [InlineData("""{"name":"ok","inbound_rollout":0.5}""", "phone_number")]
    [InlineData("""{"name":"ok","inbound_rollout":0.5,"phone_number":"custom","custom_phone_numbers":["+15550100001"]}""", "inbound_rollout_forward_phone_number")]
    [InlineData("""{"name":"ok","inbound_rollout_forward_phone_number":"+15550100002"}""", "inbound_rollout_forward_phone_number")]
    [InlineData("""{"name":"ok","phone_number":"custom"}""", "custom_phone_numbers")]
    [InlineData("""{"name":"ok","phone_number":"custom","custom_phone_numbers":["5550100"]}""", "custom_phone_numbers[0]")]
    [InlineData("""{"name":"ok","phone_number":"custom","custom_phone_numbers":["+15550100003","+15550100003"]}""", "custom_phone_numbers[1]")]
    [InlineData("""{"name":"ok","phone_number":"mine"}""", "phone_number")]
    [InlineData("""{"name":"ok","default_language":"english"}""", "default_language")]
    [InlineData("""{"name":"ok","default_language":"en","additional_languages":["fr","en"]}""", "additional_languages[1]")]
    [InlineData("""{"name":"ok","additional_languages":["xx"]}""", "additional_languages[0]")]
    [InlineData("""{"name":"ok","multilingual_mode":"sometimes"}""", "multilingual_mode")]
    [InlineData("""{"name":"ok","locale":"en_US"}""", "locale")]
    [InlineData("""{"name":"ok","locale":"fr-FR"}""", "locale")]
    [InlineData("""{"name":"ok","timezone":"Mars/Olympus"}""", "timezone")]
    [InlineData("""{"name":"ok","tools":["teleport"]}""", "tools[0]")]
    [InlineData("""{"name":"ok","interruption_sensitivity":1.2}""", "interruption_sensitivity")]
    [InlineData("""{"name":"ok","no_input_poke_sec":0}""", "no_input_poke_sec")]
    [InlineData("""{"name":"ok","no_input_end_conversation_sec":1.5}""", "no_input_end_conversation_sec")]
    [InlineData("""{"name":"ok","denoising_mode":"loud"}""", "denoising_mode")]
    [InlineData("""{"name":"ok","voice_mode":"telepathy"}""", "voice_mode")]
    [InlineData("""{"name":"ok","stt_mode":"slow"}""", "stt_mode")]
    [InlineData("""{"name":"ok","audio_format":"mp3"}""", "audio_format")]
    [InlineData("""{"name":"ok","endpointing_sensitivity":"twitchy"}""", "endpointing_sensitivity")]
    [InlineData("""{"name":"ok","min_endpointing_delay":1.0,"max_endpointing_delay":0.5}""", "max_endpointing_delay")]
    [InlineData("""{"name":"ok","system_prompt":"Talk about {{subject}}"}""", "template_variables")]
    [InlineData("""{"name":"ok","system_prompt":null}""", "system_prompt")]
    [InlineData("""{"name":"ok","transfer_number":"call bob"}""", "transfer_number")]
    [InlineData("""{"name":"ok","notification_emails":["not-an-email"]}""", "notification_emails[0]")]
    [InlineData("""{"name":"ok","knowledge_base_urls":["ftp://example.com/faq"]}""", "knowledge_base_urls[0]")]
    [InlineData("""{"name":"ok","configuration_endpoint":{"url":"nope"}}""", "configuration_endpoint.url")]
    [InlineData("""{"name":"ok","tasks":[{"name":"","description":"x"}]}""", "tasks[0].name")]
    [InlineData("""{"name":"ok","pronunciations":[{"word":"Acme","phonemes":""}]}""", "pronunciations[0].phonemes")]
    [InlineData("""{"name":"ok","extensions":{"mcp_servers":[{"connection_name":"crm","mcp_endpoint_url":"not a url"}]}}""", "extensions.mcp_servers[0].mcp_endpoint_url")]
    [InlineData("""{"name":"ok","extensions":{"webhooks":[{"name":"w","url":"https://example.com","method":"PATCH"}]}}""", "extensions.webhooks[0].method")]
    [InlineData("""{"name":"ok","integrations":{"twilio":{"accountSid":"AC1"}}}""", "integrations.twilio.authToken")]
    [InlineData("""{"name":"ok","integrations":{"modmed":{"firm_url_prefix":"a","username":"u","password":"p","environment":"moon"}}}""", "integrations.modmed.environment")]
    [InlineData("""{"name":"ok","agent_type":"robot"}""", "agent_type")]
    [InlineData("""{"name":"ok","status":"sleeping"}""", "status")]
    [InlineData("""{"name":"ok","languages":"en"}""", "languages")]
    [InlineData("""{"name":"ok","email_server_id":"00000000-0000-0000-0000-000000000000"}""", "email_server_id")]
    [InlineData("""{"name":"ok","unknown_field":1}""", "unknown_field")]
    public async Task Invalid_agent_is_refused_naming_the_field(string body, string field)
    {
        var api = _factory.Api();
        var (status, problem) = await api.PostAsync("/v1/agents/upsert", body);
        Assert.Equal(422, status);
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(422, problem["status"]!.GetValue<int>());
        var (_, list) = await api.GetJsonAsync("/v1/agents");
        Assert.DoesNotContain(list["agents"]!.AsArray(), a => a!["name"]!.GetValue<string>() == "ok");
    }

    [Fact]
    public async Task Valid_template_variables_and_system_variables_are_accepted()
    {
        var (status, _) = await _factory.Api().PostAsync("/v1/agents/upsert",
            """{"name":"templ","system_prompt":"Help with {{subject}} at {{system_time}}","template_variables":{"subject":{"default_value":"billing"}}}""");
        Assert.Equal(200, status);
    }
}
