using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Compat;

/// <summary>Seed 001 (camelCase agents) walked field by field: accepted, stored, returned, visible natively, refused by rule.</summary>
public sealed class AgentPhoneConformanceTests : IClassFixture<CompatBox>
{
    private const string Agents = "/compat/agentphone/v1/agents";
    private readonly ApplianceFactory _factory;

    public AgentPhoneConformanceTests(CompatBox box) => _factory = box.Factory;

    [Fact]
    public async Task Create_answers_with_id_createdAt_and_every_documented_default()
    {
        var api = _factory.Api();
        var (status, agent) = await api.PostAsync(Agents, """{"name":"Support Bot"}""");
        Assert.Equal(200, status);
        Assert.False(string.IsNullOrEmpty(agent["id"]!.GetValue<string>()));
        Assert.True(DateTimeOffset.TryParse(agent["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("Support Bot", agent["name"]!.GetValue<string>());
        Assert.Equal("webhook", agent["voiceMode"]!.GetValue<string>());
        Assert.Equal("balanced", agent["modelTier"]!.GetValue<string>());
        Assert.Equal("fast", agent["sttMode"]!.GetValue<string>());
        Assert.Equal("none", agent["ambientSound"]!.GetValue<string>());
        Assert.Equal("noise-cancellation", agent["denoisingMode"]!.GetValue<string>());
        Assert.Equal(600000, agent["maxSilenceMs"]!.GetValue<int>());
        Assert.Equal(1.0, agent["voiceSpeed"]!.GetValue<double>());
        Assert.Equal(0.8, agent["interruptionSensitivity"]!.GetValue<double>());
        Assert.True(agent["enableBackchannel"]!.GetValue<bool>());
        Assert.True(agent["enableMessaging"]!.GetValue<bool>());
        Assert.Equal("en-US", agent["language"]!.GetValue<string>());
        foreach (var field in new[] { "description", "systemPrompt", "beginMessage", "voice", "transferNumber", "voicemailMessage" })
        {
            Assert.True(agent.ContainsKey(field), field);
        }

        var (_, native) = await api.GetJsonAsync($"/v1/agents/{agent["id"]}");
        Assert.Equal("support-bot", native["name"]!.GetValue<string>());
        Assert.Equal("Support Bot", native["display_name"]!.GetValue<string>());
        Assert.Equal("webhook", native["voice_mode"]!.GetValue<string>());
        Assert.Equal(600, native["no_input_end_conversation_sec"]!.GetValue<int>());
    }

    public static readonly TheoryData<string, string, string, string> Fields = new()
    {
        // seed field, value sent, canonical field, canonical value stored
        { "name", "\"Sales Agent 2\"", "display_name", "\"Sales Agent 2\"" },
        { "description", "\"Answers sales calls\"", "description", "\"Answers sales calls\"" },
        { "voiceMode", "\"hosted\"", "voice_mode", "\"hosted\"" },
        { "enableMessaging", "false", "enable_messaging", "false" },
        { "modelTier", "\"advanced\"", "model_tier", "\"advanced\"" },
        { "systemPrompt", "\"Be brief.\"", "system_prompt", "\"Be brief.\"" },
        { "beginMessage", "\"Hello from Acme\"", "welcome_message", "\"Hello from Acme\"" },
        { "voice", "\"sarah\"", "voice_id", "\"sarah\"" },
        { "transferNumber", "\"+15551234567\"", "transfer_number", "\"+15551234567\"" },
        { "voicemailMessage", "\"Please call back\"", "voicemail_message", "\"Please call back\"" },
        { "sttMode", "\"accurate\"", "stt_mode", "\"accurate\"" },
        { "ambientSound", "\"coffee-shop\"", "background_noise", "\"coffee-shop\"" },
        { "denoisingMode", "\"noise-and-background-speech-cancellation\"", "denoising_mode", "\"noise-and-background-speech-cancellation\"" },
        { "maxSilenceMs", "30000", "no_input_end_conversation_sec", "30" },
        { "voiceSpeed", "1.75", "audio_speed", "1.75" },
        { "interruptionSensitivity", "0.3", "interruption_sensitivity", "0.3" },
        { "enableBackchannel", "false", "enable_backchannel", "false" },
        { "language", "\"es-US\"", "locale", "\"es-US\"" },
        { "language", "\"pt\"", "default_language", "\"pt\"" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Each_field_is_accepted_stored_returned_and_visible_natively(string field, string value, string canonical, string stored)
    {
        var api = _factory.Api();
        var (_, created) = await api.PostAsync(Agents, $$"""{"name":"walk {{field}}"}""");
        var id = created["id"]!.GetValue<string>();

        var (status, updated) = await api.SendAsync(HttpMethod.Patch, $"{Agents}/{id}", $$"""{"{{field}}":{{value}}}""");
        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(value), updated[field]), $"{field}: {updated[field]}");
        var (_, read) = await api.GetJsonAsync($"{Agents}/{id}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(value), read[field]));
        var (_, native) = await api.GetJsonAsync($"/v1/agents/{id}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), native[canonical]), $"{canonical}: {native[canonical]}");
    }

    [Fact]
    public async Task An_ambient_bed_is_audible_and_language_sets_the_default_language()
    {
        var api = _factory.Api();
        var (_, created) = await api.PostAsync(Agents, """{"name":"bed","ambientSound":"office","language":"fr-FR"}""");
        var (_, native) = await api.GetJsonAsync($"/v1/agents/{created["id"]}");
        Assert.True(native["background_noise_level"]!.GetValue<double>() > 0);
        Assert.Equal("fr", native["default_language"]!.GetValue<string>());
    }

    [Fact]
    public async Task Null_means_the_documented_default()
    {
        var api = _factory.Api();
        var (_, created) = await api.PostAsync(Agents, """{"name":"nulls","maxSilenceMs":20000,"voiceSpeed":1.5,"language":"de-DE"}""");
        var (status, agent) = await api.SendAsync(HttpMethod.Patch, $"{Agents}/{created["id"]}",
            """{"maxSilenceMs":null,"voiceSpeed":null,"interruptionSensitivity":null,"language":null,"beginMessage":null,"enableBackchannel":null}""");
        Assert.Equal(200, status);
        Assert.Equal(600000, agent["maxSilenceMs"]!.GetValue<int>());
        Assert.Equal(1.0, agent["voiceSpeed"]!.GetValue<double>());
        Assert.Equal(0.8, agent["interruptionSensitivity"]!.GetValue<double>());
        Assert.Equal("en-US", agent["language"]!.GetValue<string>());
        Assert.Null(agent["beginMessage"]);
        Assert.True(agent["enableBackchannel"]!.GetValue<bool>());
    }

    public static readonly TheoryData<string, string> Refusals = new()
    {
        { """{"maxSilenceMs":9999}""", "maxSilenceMs" },
        { """{"maxSilenceMs":3600001}""", "maxSilenceMs" },
        { """{"maxSilenceMs":12000.5}""", "maxSilenceMs" },
        { """{"voiceSpeed":0.49}""", "voiceSpeed" },
        { """{"voiceSpeed":2.01}""", "voiceSpeed" },
        { """{"interruptionSensitivity":-0.1}""", "interruptionSensitivity" },
        { """{"interruptionSensitivity":1.1}""", "interruptionSensitivity" },
        { """{"voiceMode":"robot"}""", "voiceMode" },
        { """{"modelTier":"huge"}""", "modelTier" },
        { """{"sttMode":"slow"}""", "sttMode" },
        { """{"ambientSound":"call-center"}""", "ambientSound" },
        { """{"denoisingMode":"off"}""", "denoisingMode" },
        { """{"language":"english"}""", "language" },
        { """{"transferNumber":"call me"}""", "transferNumber" },
        { """{"enableMessaging":"yes"}""", "enableMessaging" },
        { """{"voiceSpeed":"fast"}""", "voiceSpeed" },
        { """{"name":""}""", "name" },
        { """{"name":42}""", "name" },
        { """{"colour":"blue"}""", "colour" },
        { """{"voice_id":"sarah"}""", "voice_id" },
        { """{"id":"another"}""", "id" },
        { """{"systemPrompt":"Hi {{who}}"}""", "systemPrompt" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_rule_is_refused_with_the_field_named_and_nothing_changes(string patch, string field)
    {
        var api = _factory.Api();
        var (_, created) = await api.PostAsync(Agents, """{"name":"strict"}""");
        var id = created["id"]!.GetValue<string>();
        var (_, before) = await api.GetJsonAsync($"/v1/agents/{id}");

        var (status, problem) = await api.SendAsync(HttpMethod.Patch, $"{Agents}/{id}", patch);
        Assert.Equal(422, status);
        Assert.Contains(field, problem.ErrorFields());
        var (_, after) = await api.GetJsonAsync($"/v1/agents/{id}");
        Assert.True(JsonNode.DeepEquals(before, after));

        var createBody = JsonNode.Parse(patch)!.AsObject();
        createBody.Remove("id");
        if (createBody.Count > 0)
        {
            if (!createBody.ContainsKey("name"))
            {
                createBody["name"] = "refused create";
            }
            var count = (await api.GetJsonAsync(Agents)).Body["total"]!.GetValue<int>();
            var (createStatus, createProblem) = await api.PostAsync(Agents, createBody.ToJsonString());
            Assert.Equal(422, createStatus);
            Assert.Contains(field, createProblem.ErrorFields());
            Assert.Equal(count, (await api.GetJsonAsync(Agents)).Body["total"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Name_is_required_on_create()
    {
        var (status, problem) = await _factory.Api().PostAsync(Agents, """{"description":"nameless"}""");
        Assert.Equal(422, status);
        Assert.Contains("name", problem.ErrorFields());
    }

    [Fact]
    public async Task Agents_are_listed_read_and_deleted_and_names_stay_unique()
    {
        var api = _factory.Api();
        var (_, first) = await api.PostAsync(Agents, """{"name":"Twin Bot"}""");
        var (_, second) = await api.PostAsync(Agents, """{"name":"Twin Bot"}""");
        Assert.Equal("Twin Bot", second["name"]!.GetValue<string>());
        var (_, native) = await api.GetJsonAsync($"/v1/agents/{second["id"]}");
        Assert.Equal("twin-bot-2", native["name"]!.GetValue<string>());

        var (_, list) = await api.GetJsonAsync(Agents);
        Assert.Contains(list["data"]!.AsArray(), a => a!["id"]!.GetValue<string>() == first["id"]!.GetValue<string>());

        var (deleted, _) = await api.SendAsync(HttpMethod.Delete, $"{Agents}/{first["id"]}");
        Assert.Equal(200, deleted);
        Assert.Equal(404, (await api.GetJsonAsync($"{Agents}/{first["id"]}")).Status);
        Assert.Equal(404, (await api.SendAsync(HttpMethod.Delete, $"{Agents}/{first["id"]}")).Status);
        Assert.Equal(404, (await api.SendAsync(HttpMethod.Patch, $"{Agents}/{first["id"]}", """{"voice":"x"}""")).Status);
    }

    [Fact]
    public async Task A_get_then_put_round_trip_is_accepted_unchanged()
    {
        var api = _factory.Api();
        var (_, created) = await api.PostAsync(Agents, """{"name":"echo","beginMessage":"Hi","maxSilenceMs":45000}""");
        var (status, echoed) = await api.PutAsync($"{Agents}/{created["id"]}", created.ToJsonString());
        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(created, echoed), echoed.ToJsonString());
    }
}
