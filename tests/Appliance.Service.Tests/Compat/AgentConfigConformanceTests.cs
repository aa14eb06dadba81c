using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Compat;

/// <summary>Seed 004 (Update Agent, PUT partial) walked field by field, with its merge, secret and MCP rules.</summary>
public sealed class AgentConfigConformanceTests : IClassFixture<CompatBox>
{
    private const string Agents = "/compat/agentconfig/agents";
    private readonly ApplianceFactory _factory;

    public AgentConfigConformanceTests(CompatBox box) => _factory = box.Factory;

    private async Task<string> NewAgentAsync(HttpClient api, string extra = "")
    {
        var (status, created) = await api.PostAsync("/v1/agents", $$"""{"name":"a-{{Guid.NewGuid():N}}"{{extra}}}""");
        Assert.Equal(201, status);
        return created["id"]!.GetValue<string>();
    }

    private static JsonNode? At(JsonNode node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node?[part]!;
        }
        return node;
    }

    public static readonly TheoryData<string, string, string, string> Fields = new()
    {
        // 004 path (dot for nested), value sent, canonical field, canonical value stored
        { "name", "\"Front Desk Agent\"", "display_name", "\"Front Desk Agent\"" },
        { "description", "\"Answers the front desk\"", "description", "\"Answers the front desk\"" },
        { "initial_message", "\"Thanks for calling\"", "welcome_message", "\"Thanks for calling\"" },
        { "system_prompt", "\"You are a receptionist.\"", "system_prompt", "\"You are a receptionist.\"" },
        { "agent_type", "\"receptionist\"", "agent_type", "\"receptionist\"" },
        { "status", "\"inactive\"", "status", "\"inactive\"" },
        { "model", "\"gpt-4.1-mini\"", "llm_model", "\"gpt-4.1-mini\"" },
        { "voice_model", "\"sonic-3\"", "voice_model", "\"sonic-3\"" },
        { "stt_model", "\"deepgram\"", "stt_model", "\"deepgram\"" },
        { "tts_model", "\"minimax\"", "tts_model", "\"minimax\"" },
        { "voice_config.voice_id", "\"es-voice-7\"", "voice_id", "\"es-voice-7\"" },
        { "voice_config.model", "\"sonic-3\"", "voice_model", "\"sonic-3\"" },
        { "voice_config.language", "\"es\"", "voice_language", "\"es\"" },
        { "voice_config.min_endpointing_delay", "0.3", "min_endpointing_delay", "0.3" },
        { "voice_config.max_endpointing_delay", "3.5", "max_endpointing_delay", "3.5" },
        { "voice_config.vad_min_silence_duration", "0.4", "vad_min_silence_duration", "0.4" },
        { "sip_transfer_enabled", "true", "sip_transfer_enabled", "true" },
        { "transfer_number", "\"sip:200@pbx.local\"", "transfer_number", "\"sip:200@pbx.local\"" },
        { "email_enabled", "true", "email_enabled", "true" },
        { "email_instructions", "\"Mail a summary\"", "email_instructions", "\"Mail a summary\"" },
        { "voicemail_detection", "true", "voicemail_detection", "true" },
        { "echo_detection", "false", "echo_detection", "false" },
        { "recording_enabled", "true", "recording_enabled", "true" },
        { "transfer_rules", "\"Billing to +15551234567\"", "transfer_rules", "\"Billing to +15551234567\"" },
        { "notification_emails", "[\"ops@example.com\"]", "notification_emails", "[\"ops@example.com\"]" },
        { "language", "\"es-US\"", "locale", "\"es-US\"" },
        { "timezone", "\"America/New_York\"", "timezone", "\"America/New_York\"" },
        { "knowledge_base_urls", "[\"https://example.com/faq\"]", "knowledge_base_urls", "[\"https://example.com/faq\"]" },
        { "google_place_id", "\"ChIJVS6XxJPFU4gRoE8c8ql2lCQ\"", "google_place_id", "\"ChIJVS6XxJPFU4gRoE8c8ql2lCQ\"" },
        { "warm_transfer_enabled", "true", "warm_transfer_enabled", "true" },
        { "warm_transfer_rules", "\"Billing: confirm, then pbx:1234\"", "warm_transfer_rules", "\"Billing: confirm, then pbx:1234\"" },
        { "hold_music_url", "\"https://example.com/hold.mp3\"", "hold_music_url", "\"https://example.com/hold.mp3\"" },
        { "pass_caller_id", "false", "pass_caller_id", "false" },
        { "pronunciations", "[{\"word\":\"Acme\",\"phonemes\":\"ˈækmi\"}]", "pronunciations", "[{\"word\":\"Acme\",\"phonemes\":\"ˈækmi\"}]" },
        { "config.enable_recording", "true", "recording_enabled", "true" },
        { "config.user_timezone", "\"Europe/London\"", "timezone", "\"Europe/London\"" },
        { "config.inactivity_timeout", "25", "no_input_poke_sec", "25" },
        { "config.ambient_type", "\"office\"", "background_noise", "\"office\"" },
        { "config.ambient_volume", "0.2", "background_noise_level", "0.2" },
        { "config.thinking_sounds_enabled", "true", "thinking_sounds_enabled", "true" },
        { "config.thinking_volume", "0.7", "thinking_volume", "0.7" },
        { "config.thinking_clip_id", "\"KEYBOARD_TYPING2\"", "thinking_clip_id", "\"KEYBOARD_TYPING2\"" },
        { "config.background_audio_enabled", "true", "background_noise", "\"office\"" },
        { "config.summary_context", "\"Extract order numbers\"", "summary_context", "\"Extract order numbers\"" },
        { "provider", "\"acme-cloud\"", "provider", "\"acme-cloud\"" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Each_field_is_accepted_stored_returned_and_visible_natively(string path, string value, string canonical, string stored)
    {
        var api = _factory.Api();
        var id = await NewAgentAsync(api);
        var parts = path.Split('.');
        var body = parts.Length == 1 ? $$$"""{"{{{path}}}":{{{value}}}}""" : $$$"""{"{{{parts[0]}}}":{"{{{parts[1]}}}":{{{value}}}}}""";

        var (status, updated) = await api.PutAsync($"{Agents}/{id}", body);
        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(value), At(updated, path)), $"{path}: {At(updated, path)}");
        var (_, read) = await api.GetJsonAsync($"{Agents}/{id}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(value), At(read, path)));
        var (_, native) = await api.GetJsonAsync($"/v1/agents/{id}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), native[canonical]), $"{canonical}: {native[canonical]}");
    }

    public static readonly TheoryData<string, string> Refusals = new()
    {
        { """{"name":""}""", "name" },
        { $$"""{"name":"{{new string('x', 256)}}"}""", "name" },
        { """{"agent_type":"robot"}""", "agent_type" },
        { """{"status":"asleep"}""", "status" },
        { """{"model":"gpt-2"}""", "model" },
        { """{"stt_model":"whisper"}""", "stt_model" },
        { """{"tts_model":"espeak"}""", "tts_model" },
        { """{"language":"fr-FR"}""", "language" },
        { """{"timezone":"Mars/Olympus"}""", "timezone" },
        { """{"notification_emails":["not-an-email"]}""", "notification_emails[0]" },
        { """{"knowledge_base_urls":["ftp://x"]}""", "knowledge_base_urls[0]" },
        { """{"transfer_number":"call the boss"}""", "transfer_number" },
        { """{"hold_music_url":"nope"}""", "hold_music_url" },
        { """{"pronunciations":[{"word":"","phonemes":"a"}]}""", "pronunciations[0].word" },
        { """{"voice_config":{"min_endpointing_delay":-1}}""", "voice_config.min_endpointing_delay" },
        { """{"voice_config":{"min_endpointing_delay":3,"max_endpointing_delay":2}}""", "voice_config.max_endpointing_delay" },
        { """{"voice_config":{"pitch":2}}""", "voice_config.pitch" },
        { """{"config":{"ambient_volume":0.9}}""", "config.ambient_volume" },
        { """{"config":{"thinking_clip_id":"BELLS"}}""", "config.thinking_clip_id" },
        { """{"config":{"inactivity_timeout":2.5}}""", "config.inactivity_timeout" },
        { """{"extensions":{"mcp_servers":[{"name":"crm"}]}}""", "extensions.mcp_servers[0].url" },
        { """{"extensions":{"mcp_servers":[{"url":"http://127.0.0.1:9/mcp"}]}}""", "extensions.mcp_servers[0].name" },
        { """{"extensions":{"webhooks":[{"name":"w","url":"https://example.com","conditions":["sometimes"]}]}}""", "extensions.webhooks[0].conditions[0]" },
        { """{"integrations":{"twilio":{"accountSid":"AC1"}}}""", "integrations.twilio.authToken" },
        { """{"integrations":{"modmed":{"firm_url_prefix":"f","username":"u","password":"p","environment":"live"}}}""", "integrations.modmed.environment" },
        { """{"email_server_id":"no-such-server"}""", "email_server_id" },
        { """{"updated_at":"2001-01-01T00:00:00Z"}""", "updated_at" },
        { """{"favourite_colour":"blue"}""", "favourite_colour" },
        { """{"pass_caller_id":"yes"}""", "pass_caller_id" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_rule_is_refused_with_the_field_named_and_nothing_changes(string body, string field)
    {
        var api = _factory.Api();
        var id = await NewAgentAsync(api);
        var (_, before) = await api.GetJsonAsync($"/v1/agents/{id}");
        var (status, problem) = await api.PutAsync($"{Agents}/{id}", body);
        Assert.Equal(422, status);
        Assert.Contains(field, problem.ErrorFields());
        var (_, after) = await api.GetJsonAsync($"/v1/agents/{id}");
        Assert.True(JsonNode.DeepEquals(before, after));
    }

    [Theory]
    [InlineData("5551234567", "tel:+15551234567")]
    [InlineData("(555) 123-4567", "tel:+15551234567")]
    [InlineData("+1 555 123 4567", "tel:+15551234567")]
    [InlineData("1-555-123-4567", "tel:+15551234567")]
    [InlineData("sip:1001@pbx.example.com", "sip:1001@pbx.example.com")]
    [InlineData("+442071234567", "+442071234567")]
    public async Task Transfer_targets_are_normalised(string sent, string stored)
    {
        var api = _factory.Api();
        var id = await NewAgentAsync(api);
        var (status, agent) = await api.PutAsync($"{Agents}/{id}", $$"""{"sip_transfer_enabled":true,"transfer_number":"{{sent}}"}""");
        Assert.Equal(200, status);
        Assert.Equal(stored, agent["transfer_number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_is_partial_sets_updated_at_and_keeps_provider_immutable()
    {
        var api = _factory.Api();
        var id = await NewAgentAsync(api, ""","welcome_message":"Hi","provider":"acme" """);
        var (_, before) = await api.GetJsonAsync($"{Agents}/{id}");
        await Task.Delay(15);
        var (status, after) = await api.PutAsync($"{Agents}/{id}", """{"description":"new"}""");
        Assert.Equal(200, status);
        Assert.Equal("Hi", after["initial_message"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(after["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                    > DateTimeOffset.Parse(before["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var (refused, problem) = await api.PutAsync($"{Agents}/{id}", """{"provider":"other"}""");
        Assert.Equal(422, refused);
        Assert.Contains("provider", problem.ErrorFields());
        Assert.Equal(200, (await api.PutAsync($"{Agents}/{id}", """{"provider":"acme"}""")).Status);
    }

    [Fact]
    public async Task Pronunciations_replace_the_whole_list_and_an_empty_list_clears_it()
    {
        var api = _factory.Api();
        var id = await NewAgentAsync(api, ""","pronunciations":[{"word":"Acme","phonemes":"a"},{"word":"Zed","phonemes":"z"}]""");
        var (_, replaced) = await api.PutAsync($"{Agents}/{id}", """{"pronunciations":[{"word":"Nguyen","phonemes":"wɪn"}]}""");
        Assert.Equal("Nguyen", Assert.Single(replaced["pronunciations"]!.AsArray())!["word"]!.GetValue<string>());
        var (_, cleared) = await api.PutAsync($"{Agents}/{id}", """{"pronunciations":[]}""");
        Assert.Empty(cleared["pronunciations"]!.AsArray());
    }

    [Fact]
    public async Task Language_multi_is_english_plus_the_listed_languages_in_auto_mode()
    {
        var api = _factory.Api();
        var id = await NewAgentAsync(api);
        var (_, agent) = await api.PutAsync($"{Agents}/{id}", """{"language":"multi"}""");
        Assert.Equal("multi", agent["language"]!.GetValue<string>());
        var (_, native) = await api.GetJsonAsync($"/v1/agents/{id}");
        Assert.Equal("auto", native["multilingual_mode"]!.GetValue<string>());
        Assert.Contains("ru", native["additional_languages"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public async Task Integrations_merge_per_field_and_secrets_are_write_only_across_get_modify_put()
    {
        var api = _factory.Api();
        var id = await NewAgentAsync(api);
        var (status, _) = await api.PutAsync($"{Agents}/{id}", """
            {"integrations":{"twilio":{"accountSid":"AC1","authToken":"SECRET-tw","fromNumber":"+15550001111","testToNumber":"+15550002222"},
                             "modmed":{"firm_url_prefix":"f","username":"u","password":"SECRET-mm","environment":"sandbox"},
                             "customCrm":{"api_url":"https://crm.example.com"}}}
            """);
        Assert.Equal(200, status);
        var (_, read) = await api.GetJsonAsync($"{Agents}/{id}");
        Assert.DoesNotContain("SECRET-", read.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("https://crm.example.com", read["integrations"]!["customCrm"]!["api_url"]!.GetValue<string>());

        // GET → modify → PUT: the secrets never read must survive.
        read["description"] = "edited";
        var (roundTrip, problem) = await api.PutAsync($"{Agents}/{id}", read.ToJsonString());
        Assert.True(roundTrip == 200, problem.ToJsonString());
        var (_, merged) = await api.PutAsync($"{Agents}/{id}", """{"integrations":{"twilio":{"fromNumber":"+15550003333","testToNumber":null},"modmed":null}}""");
        var twilio = merged["integrations"]!["twilio"]!;
        Assert.Equal("+15550003333", twilio["fromNumber"]!.GetValue<string>());
        Assert.Null(twilio["testToNumber"]);
        Assert.Equal("AC1", twilio["accountSid"]!.GetValue<string>());
        Assert.Null(merged["integrations"]!["modmed"]);
        Assert.Contains("integrations.twilio.authToken", merged["secrets_set"]!.AsArray().Select(s => s!.GetValue<string>()));

        var store = (Appliance.Configuration.Store.ConfigurationStore)_factory.Services.GetService(typeof(Appliance.Configuration.Store.ConfigurationStore))!;
        Assert.Equal("SECRET-tw", store.GetAgent(id)!.Integrations["twilio"]!["authToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task Google_place_id_empty_string_unlinks()
    {
        var api = _factory.Api();
        var id = await NewAgentAsync(api, ""","google_place_id":"ChIJabc" """);
        var (_, agent) = await api.PutAsync($"{Agents}/{id}", """{"google_place_id":""}""");
        Assert.Null(agent["google_place_id"]);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var api = _factory.Api();
        Assert.Equal(404, (await api.GetJsonAsync($"{Agents}/missing")).Status);
        Assert.Equal(404, (await api.PutAsync($"{Agents}/missing", """{"description":"x"}""")).Status);
    }
}
