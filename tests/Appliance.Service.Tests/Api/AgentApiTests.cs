using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Api;

public sealed class AgentApiTests : IDisposable
{
    private readonly ApplianceFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Upsert_inserts_then_updates_the_same_agent_by_name()
    {
        var api = _factory.Api();
        var (status1, first) = await api.PostAsync("/v1/agents/upsert?project=main", """{"name":"front-desk","welcome_message":"Hello"}""");
        Assert.Equal(200, status1);
        Assert.True(first["inserted"]!.GetValue<bool>());
        Assert.False(first["updated"]!.GetValue<bool>());

        var (status2, second) = await api.PostAsync("/v1/agents/upsert?project=main", """{"name":"front-desk","voice_id":"sarah"}""");
        Assert.Equal(200, status2);
        Assert.False(second["inserted"]!.GetValue<bool>());
        Assert.True(second["updated"]!.GetValue<bool>());
        Assert.Equal(first["agent"]!["id"]!.GetValue<string>(), second["agent"]!["id"]!.GetValue<string>());
        Assert.Equal("sarah", second["agent"]!["voice_id"]!.GetValue<string>());
        Assert.Equal("Hello", second["agent"]!["welcome_message"]!.GetValue<string>());

        var (_, list) = await api.GetJsonAsync("/v1/agents?project=main");
        Assert.Single(list["agents"]!.AsArray());
    }

    [Fact]
    public async Task Upsert_applies_the_documented_phonic_defaults()
    {
        var (_, body) = await _factory.Api().PostAsync("/v1/agents/upsert", """{"name":"defaults"}""");
        var agent = body["agent"]!;
        Assert.Equal("Respond in 1-2 sentences.", agent["system_prompt"]!.GetValue<string>());
        Assert.Equal("grant", agent["voice_id"]!.GetValue<string>());
        Assert.Equal("Are you still there?", agent["no_input_poke_text"]!.GetValue<string>());
        Assert.Equal(180, agent["no_input_poke_sec"]!.GetValue<int>());
        Assert.Equal(180, agent["no_input_end_conversation_sec"]!.GetValue<int>());
        Assert.Equal("pcm_44100", agent["audio_format"]!.GetValue<string>());
        Assert.Equal(1.0, agent["audio_speed"]!.GetValue<double>());
        Assert.Equal(0.0, agent["background_noise_level"]!.GetValue<double>());
        Assert.Equal(1.0, agent["inbound_rollout"]!.GetValue<double>());
        Assert.Equal("main", agent["project"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_changes_only_the_fields_sent_and_sets_updated_at()
    {
        var api = _factory.Api();
        var (_, created) = await api.PostAsync("/v1/agents", """{"name":"partial","welcome_message":"Hi","boosted_keywords":["Acme"]}""");
        var id = created["id"]!.GetValue<string>();
        await Task.Delay(20);
        var (status, updated) = await api.PutAsync($"/v1/agents/{id}", """{"no_input_poke_sec":null,"timezone":"Europe/Berlin"}""");
        Assert.Equal(200, status);
        Assert.Null(updated["no_input_poke_sec"]);
        Assert.Equal("Europe/Berlin", updated["timezone"]!.GetValue<string>());
        Assert.Equal("Hi", updated["welcome_message"]!.GetValue<string>());
        Assert.Equal("Acme", updated["boosted_keywords"]![0]!.GetValue<string>());
        Assert.Equal(created["created_at"]!.GetValue<string>(), updated["created_at"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(updated["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
                    > DateTimeOffset.Parse(created["updated_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("""{"id":"something-else"}""", "id")]
    [InlineData("""{"created_at":"2020-01-01T00:00:00Z"}""", "created_at")]
    [InlineData("""{"project":"other"}""", "project")]
    [InlineData("""{"colour":"blue"}""", "colour")]
    [InlineData("""{"tasks":[{"name":"a","priority":1}]}""", "tasks[0].priority")]
    public async Task Put_refuses_read_only_and_unknown_fields_by_name(string patch, string field)
    {
        var api = _factory.Api();
        var (_, created) = await api.PostAsync("/v1/agents", """{"name":"immutable"}""");
        var (status, problem) = await api.PutAsync($"/v1/agents/{created["id"]}", patch);
        Assert.Equal(422, status);
        Assert.Contains(field, problem.ErrorFields());
        var (_, after) = await api.GetJsonAsync($"/v1/agents/{created["id"]}");
        Assert.Equal(created["updated_at"]!.GetValue<string>(), after["updated_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_get_then_put_round_trip_is_accepted_unchanged()
    {
        var api = _factory.Api();
        var (_, created) = await api.PostAsync("/v1/agents", """{"name":"roundtrip","webhook_secret":"hush"}""");
        var (status, _) = await api.PutAsync($"/v1/agents/{created["id"]}", created.ToJsonString());
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Agents_are_found_by_name_and_deleted()
    {
        var api = _factory.Api();
        await api.PostAsync("/v1/agents", """{"name":"by-name"}""");
        var (status, agent) = await api.GetJsonAsync("/v1/agents/by-name");
        Assert.Equal(200, status);
        var (deleted, _) = await api.SendAsync(HttpMethod.Delete, $"/v1/agents/{agent["id"]}");
        Assert.Equal(200, deleted);
        var (missing, problem) = await api.GetJsonAsync($"/v1/agents/{agent["id"]}");
        Assert.Equal(404, missing);
        Assert.Equal(404, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Creating_a_second_agent_with_a_taken_name_is_a_conflict_naming_the_field()
    {
        var api = _factory.Api();
        await api.PostAsync("/v1/agents", """{"name":"twin"}""");
        var (status, problem) = await api.PostAsync("/v1/agents", """{"name":"twin"}""");
        Assert.Equal(409, status);
        Assert.Contains("name", problem.ErrorFields());
        var (other, _) = await api.PostAsync("/v1/agents?project=sales", """{"name":"twin"}""");
        Assert.Equal(201, other);
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_name_make_exactly_one_agent()
    {
        var api = _factory.Api();
        var tasks = Enumerable.Range(0, 24).Select(i =>
            api.PostAsync("/v1/agents/upsert", $$"""{"name":"race","welcome_message":"attempt {{i}}"}""")).ToArray();
        var results = await Task.WhenAll(tasks);
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, results.Count(r => r.Body["inserted"]!.GetValue<bool>()));
        var ids = results.Select(r => r.Body["agent"]!["id"]!.GetValue<string>()).Distinct().ToList();
        Assert.Single(ids);
        var (_, list) = await api.GetJsonAsync("/v1/agents");
        Assert.Single(list["agents"]!.AsArray());
    }

    [Fact]
    public async Task Deprecated_phonic_fields_map_onto_their_replacements()
    {
        var api = _factory.Api();
        var (status, body) = await api.PostAsync("/v1/agents/upsert",
            """{"name":"legacy","languages":["es","en","fr"],"custom_phone_number":"+15550001111"}""");
        Assert.Equal(200, status);
        var agent = body["agent"]!;
        Assert.Equal("es", agent["default_language"]!.GetValue<string>());
        Assert.Equal(["en", "fr"], agent["additional_languages"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal("custom", agent["phone_number"]!.GetValue<string>());
        Assert.Equal("+15550001111", agent["custom_phone_numbers"]![0]!.GetValue<string>());
        var (_, numbers) = await api.GetJsonAsync("/v1/phone-numbers");
        var number = Assert.Single(numbers["phone_numbers"]!.AsArray());
        Assert.Equal(agent["id"]!.GetValue<string>(), number!["agent_id"]!.GetValue<string>());
    }
}
