using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Compat;

/// <summary>Seed 003 (Vocode numbers): the number object exactly, each body field, inline agents and their rules.</summary>
public sealed class VocodeConformanceTests : IClassFixture<CompatBox>
{
    private const string Numbers = "/compat/vocode/v1/numbers";
    private static int _next = 1000;
    private readonly ApplianceFactory _factory;

    public VocodeConformanceTests(CompatBox box) => _factory = box.Factory;

    private async Task<(string Number, string Id)> NewNumberAsync(HttpClient api)
    {
        var number = $"+1555010{Interlocked.Increment(ref _next):D4}";
        var (status, created) = await api.PostAsync("/v1/phone-numbers", $$"""{"number":"{{number}}"}""");
        Assert.Equal(201, status);
        return (number, created["id"]!.GetValue<string>());
    }

    private static string Update(string number) => $"{Numbers}/update?phone_number={Uri.EscapeDataString(number)}";

    [Fact]
    public async Task The_number_object_has_exactly_the_documented_fields()
    {
        var api = _factory.Api();
        var (number, id) = await NewNumberAsync(api);
        var (status, body) = await api.PostAsync(Update(number), """{"label":"My Phone Number"}""");
        Assert.Equal(200, status);
        string[] expected = ["id", "user_id", "number", "active", "label", "inbound_agent_name", "outbound_only", "example_context",
            "telephony_provider", "description", "inbound_agent", "telephony_account_connection"];
        Assert.Equal(expected.Order(), body.Select(p => p.Key).Order());
        Assert.Equal(id, body["id"]!.GetValue<string>());
        Assert.Equal(number, body["number"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Equal("My Phone Number", body["label"]!.GetValue<string>());
        Assert.Empty(body["example_context"]!.AsObject());
        var (_, read) = await api.GetJsonAsync($"{Numbers}?phone_number={Uri.EscapeDataString(number)}");
        Assert.True(JsonNode.DeepEquals(body, read));
    }

    public static readonly TheoryData<string, string, string, string> NumberFields = new()
    {
        // seed field, value, canonical field, stored value
        { "label", "\"Front line\"", "label", "\"Front line\"" },
        { "description", "\"Business line for customer service\"", "description", "\"Business line for customer service\"" },
        { "outbound_only", "true", "outbound_only", "true" },
        { "example_context", "{\"customer\":\"Ada\"}", "example_context", "{\"customer\":\"Ada\"}" },
    };

    [Theory]
    [MemberData(nameof(NumberFields))]
    public async Task Each_number_field_is_accepted_stored_returned_and_visible_natively(string field, string value, string canonical, string stored)
    {
        var api = _factory.Api();
        var (number, id) = await NewNumberAsync(api);
        var (status, body) = await api.PostAsync(Update(number), $$"""{"{{field}}":{{value}}}""");
        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(value), body[field]));
        var (_, native) = await api.GetJsonAsync($"/v1/phone-numbers/{id}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), native[canonical]));
    }

    [Fact]
    public async Task Inbound_agent_by_id_and_telephony_account_connection_by_id_route_the_number()
    {
        var api = _factory.Api();
        var (number, id) = await NewNumberAsync(api);
        var (_, agent) = await api.PostAsync("/v1/agents", """{"name":"by-id","display_name":"Agent Name"}""");
        var (_, trunk) = await api.PostAsync("/v1/connections", """{"name":"pbx-trunk","type":"sip_trunk","host":"127.0.0.1"}""");
        var (status, body) = await api.PostAsync(Update(number),
            $$"""{"inbound_agent":"{{agent["id"]}}","telephony_account_connection":"{{trunk["id"]}}"}""");
        Assert.Equal(200, status);
        Assert.Equal(agent["id"]!.GetValue<string>(), body["inbound_agent"]!.GetValue<string>());
        Assert.Equal("Agent Name", body["inbound_agent_name"]!.GetValue<string>());
        Assert.Equal(trunk["id"]!.GetValue<string>(), body["telephony_account_connection"]!.GetValue<string>());
        var (_, native) = await api.GetJsonAsync($"/v1/agents/{agent["id"]}");
        Assert.Contains(number, native["custom_phone_numbers"]!.AsArray().Select(n => n!.GetValue<string>()));

        var (cleared, unrouted) = await api.PostAsync(Update(number), """{"inbound_agent":null}""");
        Assert.Equal(200, cleared);
        Assert.Null(unrouted["inbound_agent"]);
        _ = id;
    }

    [Fact]
    public async Task An_inline_agent_is_created_with_every_mapped_setting()
    {
        var api = _factory.Api();
        var (number, _) = await NewNumberAsync(api);
        var (status, body) = await api.PostAsync(Update(number), """
            {"inbound_agent":{
               "name":"My Agent",
               "prompt":{"content":"You are a helpful assistant...","context_endpoint":"https://api.example.com/context"},
               "language":"es",
               "voice":"voice-42",
               "initial_message":"Hello, how can I help you today?",
               "actions":[{"type":"action_transfer_call","config":{"phone_number":"+15551230000"}},{"type":"action_end_conversation","config":{}},{"type":"action_dtmf","config":{}}],
               "webhook":{"subscriptions":["event_message","event_action"],"url":"https://example.com/webhook","method":"POST","label":"My Webhook","description":"This is a description"},
               "interrupt_sensitivity":"high",
               "noise_suppression":false,
               "endpointing_sensitivity":"relaxed",
               "ivr_navigation_mode":"off",
               "conversation_speed":1.25,
               "openai_model_name_override":"gpt-4",
               "llm_temperature":0.5,
               "idle_time_seconds":40,
               "ask_if_human_present_on_idle":true,
               "deepgram_keywords":{"kansas":"10"},
               "run_do_not_call_detection":false,
               "vector_database":null
            }}
            """);
        Assert.True(status == 200, body.ToJsonString());
        Assert.Equal("My Agent", body["inbound_agent_name"]!.GetValue<string>());
        var (_, a) = await api.GetJsonAsync($"/v1/agents/{body["inbound_agent"]}");
        Assert.Equal("my-agent", a["name"]!.GetValue<string>());
        Assert.Equal("You are a helpful assistant...", a["system_prompt"]!.GetValue<string>());
        Assert.Equal("https://api.example.com/context", a["configuration_endpoint"]!["url"]!.GetValue<string>());
        Assert.Equal("es", a["default_language"]!.GetValue<string>());
        Assert.Equal("voice-42", a["voice_id"]!.GetValue<string>());
        Assert.Equal("Hello, how can I help you today?", a["welcome_message"]!.GetValue<string>());
        Assert.Equal(["transfer_call", "end_conversation", "send_dtmf"], a["tools"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("+15551230000", a["transfer_number"]!.GetValue<string>());
        var hook = a["extensions"]!["webhooks"]![0]!;
        Assert.Equal("https://example.com/webhook", hook["url"]!.GetValue<string>());
        Assert.Equal("My Webhook", hook["name"]!.GetValue<string>());
        Assert.Equal("This is a description", hook["description"]!.GetValue<string>());
        Assert.Equal(["event_message", "event_action"], hook["subscriptions"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(0.8, a["interruption_sensitivity"]!.GetValue<double>());
        Assert.Equal("off", a["denoising_mode"]!.GetValue<string>());
        Assert.Equal("relaxed", a["endpointing_sensitivity"]!.GetValue<string>());
        Assert.Equal("off", a["ivr_navigation_mode"]!.GetValue<string>());
        Assert.Equal(1.25, a["audio_speed"]!.GetValue<double>());
        Assert.Equal("gpt-4", a["llm_model"]!.GetValue<string>());
        Assert.Equal(0.5, a["llm_temperature"]!.GetValue<double>());
        Assert.Equal(40, a["no_input_end_conversation_sec"]!.GetValue<int>());
        Assert.Equal(20, a["no_input_poke_sec"]!.GetValue<int>());
        Assert.Equal(["kansas"], a["boosted_keywords"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task An_inline_account_connection_is_stored_with_write_only_credentials()
    {
        var api = _factory.Api();
        var (number, _) = await NewNumberAsync(api);
        var (status, body) = await api.PostAsync(Update(number), """
            {"telephony_account_connection":{"type":"account_connection_twilio","credentials":{"twilio_account_sid":"AC1234567890","twilio_auth_token":"SECRET-1234567890"},"label":"My Account Connection"}}
            """);
        Assert.True(status == 200, body.ToJsonString());
        Assert.Equal("twilio", body["telephony_provider"]!.GetValue<string>());
        var connection = await api.GetStringAsync($"/v1/connections/{body["telephony_account_connection"]}");
        Assert.Contains("AC1234567890", connection, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-", connection, StringComparison.Ordinal);
    }

    public static readonly TheoryData<string, string> Refusals = new()
    {
        { """{"label":42}""", "label" },
        { """{"outbound_only":"no"}""", "outbound_only" },
        { """{"example_context":"text"}""", "example_context" },
        { """{"inbound_agent":"no-such-agent"}""", "inbound_agent" },
        { """{"telephony_account_connection":"no-such-connection"}""", "telephony_account_connection" },
        { """{"telephony_account_connection":{"type":"twilio"}}""", "telephony_account_connection.type" },
        { """{"colour":"blue"}""", "colour" },
        { """{"inbound_agent":{"language":"xx"}}""", "inbound_agent.language" },
        { """{"inbound_agent":{"interrupt_sensitivity":"medium"}}""", "inbound_agent.interrupt_sensitivity" },
        { """{"inbound_agent":{"endpointing_sensitivity":"eager"}}""", "inbound_agent.endpointing_sensitivity" },
        { """{"inbound_agent":{"ivr_navigation_mode":"sometimes"}}""", "inbound_agent.ivr_navigation_mode" },
        { """{"inbound_agent":{"actions":[{"type":"action_fly"}]}}""", "inbound_agent.actions[0].type" },
        { """{"inbound_agent":{"actions":["550e8400-e29b-41d4-a716-446655440000"]}}""", "inbound_agent.actions[0]" },
        { """{"inbound_agent":{"actions":[{"type":"action_transfer_call","config":{}}]}}""", "inbound_agent.actions[0].config.phone_number" },
        { """{"inbound_agent":{"webhook":{"url":"https://example.com","method":"PUT"}}}""", "inbound_agent.webhook.method" },
        { """{"inbound_agent":{"webhook":{"url":"https://example.com","subscriptions":["event_everything"]}}}""", "inbound_agent.webhook.subscriptions[0]" },
        { """{"inbound_agent":{"conversation_speed":5}}""", "inbound_agent.conversation_speed" },
        { """{"inbound_agent":{"llm_temperature":3}}""", "inbound_agent.llm_temperature" },
        { """{"inbound_agent":{"run_do_not_call_detection":true}}""", "inbound_agent.run_do_not_call_detection" },
        { """{"inbound_agent":{"vector_database":{"type":"pinecone"}}}""", "inbound_agent.vector_database" },
        { """{"inbound_agent":{"mood":"cheerful"}}""", "inbound_agent.mood" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_rule_is_refused_with_the_field_named_and_nothing_changes(string body, string field)
    {
        var api = _factory.Api();
        var (number, id) = await NewNumberAsync(api);
        var (_, numberBefore) = await api.GetJsonAsync($"/v1/phone-numbers/{id}");
        var agentsBefore = (await api.GetJsonAsync("/v1/agents")).Body["agents"]!.AsArray().Count;
        var connectionsBefore = (await api.GetJsonAsync("/v1/connections")).Body["connections"]!.AsArray().Count;

        var (status, problem) = await api.PostAsync(Update(number), body);
        Assert.True(status == 422, $"{status} {problem.ToJsonString()}");
        Assert.Contains(field, problem.ErrorFields());
        var (_, numberAfter) = await api.GetJsonAsync($"/v1/phone-numbers/{id}");
        Assert.True(JsonNode.DeepEquals(numberBefore, numberAfter));
        Assert.Equal(agentsBefore, (await api.GetJsonAsync("/v1/agents")).Body["agents"]!.AsArray().Count);
        Assert.Equal(connectionsBefore, (await api.GetJsonAsync("/v1/connections")).Body["connections"]!.AsArray().Count);
    }

    [Fact]
    public async Task Unknown_and_missing_numbers_are_problems_and_numbers_are_listed()
    {
        var api = _factory.Api();
        Assert.Equal(404, (await api.PostAsync(Update("+19995550000"), """{"label":"x"}""")).Status);
        Assert.Equal(404, (await api.GetJsonAsync($"{Numbers}?phone_number=%2B19995550000")).Status);
        var (missing, problem) = await api.PostAsync($"{Numbers}/update", """{"label":"x"}""");
        Assert.Equal(422, missing);
        Assert.Contains("phone_number", problem.ErrorFields());
        var (number, _) = await NewNumberAsync(api);
        var (_, list) = await api.GetJsonAsync($"{Numbers}/list?page=1&size=100");
        Assert.Contains(list["items"]!.AsArray(), n => n!["number"]!.GetValue<string>() == number);
        Assert.False(list["has_more"]!.GetValue<bool>());
    }
}
