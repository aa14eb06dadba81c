using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Compat;

/// <summary>Seeds 000 and 002 (Phonic upsert) walked field by field on the native API.</summary>
public sealed class PhonicConformanceTests : IClassFixture<CompatBox>
{
    private static int _next;
    private readonly ApplianceFactory _factory;

    public PhonicConformanceTests(CompatBox box) => _factory = box.Factory;

    private static string NewName() => $"phonic-{Interlocked.Increment(ref _next)}";

    public static readonly TheoryData<string, string, string> Fields = new()
    {
        // extra request fields, field checked, value expected back
        { "\"audio_format\":\"mulaw_8000\"", "audio_format", "\"mulaw_8000\"" },
        { "\"audio_speed\":1.5", "audio_speed", "1.5" },
        { "\"background_noise\":\"call-center\"", "background_noise", "\"call-center\"" },
        { "\"background_noise\":null", "background_noise", "null" },
        { "\"background_noise_level\":0.25", "background_noise_level", "0.25" },
        { "\"boosted_keywords\":[\"Phonic\",\"upsert\"]", "boosted_keywords", "[\"Phonic\",\"upsert\"]" },
        { "\"configuration_endpoint\":{\"url\":\"https://example.com/config\"}", "configuration_endpoint", "{\"url\":\"https://example.com/config\",\"timeout_ms\":3000}" },
        { "\"phone_number\":\"custom\",\"custom_phone_numbers\":[\"+15550400001\",\"+15550400002\"]", "custom_phone_numbers", "[\"+15550400001\",\"+15550400002\"]" },
        { "\"default_language\":\"de\"", "default_language", "\"de\"" },
        { "\"additional_languages\":[\"fr\",\"it\"]", "additional_languages", "[\"fr\",\"it\"]" },
        { "\"multilingual_mode\":\"auto\"", "multilingual_mode", "\"auto\"" },
        { "\"generate_no_input_poke_text\":true", "generate_no_input_poke_text", "true" },
        { "\"push_to_talk\":true", "push_to_talk", "true" },
        { "\"generate_welcome_message\":true", "generate_welcome_message", "true" },
        { "\"phone_number\":\"custom\",\"custom_phone_numbers\":[\"+15550400003\"],\"inbound_rollout\":0.5,\"inbound_rollout_forward_phone_number\":\"+15550400004\"", "inbound_rollout", "0.5" },
        { "\"phone_number\":\"custom\",\"custom_phone_numbers\":[\"+15550400005\"],\"inbound_rollout\":0.25,\"inbound_rollout_forward_phone_number\":\"+15550400006\"", "inbound_rollout_forward_phone_number", "\"+15550400006\"" },
        { "\"languages\":[\"es\",\"en\"]", "additional_languages", "[\"en\"]" },
        { "\"no_input_end_conversation_sec\":45", "no_input_end_conversation_sec", "45" },
        { "\"no_input_poke_sec\":null", "no_input_poke_sec", "null" },
        { "\"no_input_poke_sec\":20", "no_input_poke_sec", "20" },
        { "\"no_input_poke_text\":\"Hello?\"", "no_input_poke_text", "\"Hello?\"" },
        { "\"phone_number\":null", "phone_number", "null" },
        { "\"system_prompt\":\"Talk about {{subject}}.\",\"template_variables\":{\"subject\":{\"default_value\":\"weather\"}}", "template_variables", "{\"subject\":{\"default_value\":\"weather\"}}" },
        { "\"system_prompt\":\"Be brief.\"", "system_prompt", "\"Be brief.\"" },
        { "\"tasks\":[{\"name\":\"book\",\"description\":\"Book a table\"}]", "tasks", "[{\"name\":\"book\",\"description\":\"Book a table\"}]" },
        { "\"timezone\":\"Asia/Tokyo\"", "timezone", "\"Asia/Tokyo\"" },
        { "\"tools\":[\"keypad_input\",\"natural_conversation_ending\"]", "tools", "[\"keypad_input\",\"natural_conversation_ending\"]" },
        { "\"voice_id\":\"sabrina\"", "voice_id", "\"sabrina\"" },
        { "\"welcome_message\":\"Hi {{customer_name}}\",\"template_variables\":{\"customer_name\":{\"default_value\":\"there\"}}", "welcome_message", "\"Hi {{customer_name}}\"" },
        { "\"custom_phone_number\":\"+15550400007\"", "custom_phone_numbers", "[\"+15550400007\"]" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Each_field_is_accepted_stored_and_returned(string extra, string field, string expected)
    {
        var api = _factory.Api();
        var name = NewName();
        var (status, body) = await api.PostAsync("/v1/agents/upsert?project=main", $$"""{"name":"{{name}}",{{extra}}}""");
        Assert.True(status == 200, body.ToJsonString());
        Assert.True(body["inserted"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), Without(body["agent"]![field], "headers")), $"{field}: {body["agent"]![field]?.ToJsonString()}");
        var (_, read) = await api.GetJsonAsync($"/v1/agents/{name}?project=main");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), Without(read[field], "headers")));
    }

    private static JsonNode? Without(JsonNode? node, string key)
    {
        if (node is JsonObject obj)
        {
            var copy = obj.DeepClone().AsObject();
            copy.Remove(key);
            return copy;
        }
        return node;
    }

    public static readonly TheoryData<string, string> Refusals = new()
    {
        { "\"name\":\"Not Valid\"", "name" },
        { "\"audio_format\":\"mp3\"", "audio_format" },
        { "\"audio_speed\":1.6", "audio_speed" },
        { "\"audio_speed\":0.4", "audio_speed" },
        { "\"background_noise\":\"jungle\"", "background_noise" },
        { "\"background_noise_level\":0.3", "background_noise_level" },
        { "\"custom_phone_numbers\":[\"12345\"],\"phone_number\":\"custom\"", "custom_phone_numbers[0]" },
        { "\"phone_number\":\"custom\"", "custom_phone_numbers" },
        { "\"phone_number\":\"custom\",\"custom_phone_numbers\":[\"+15550400010\",\"+15550400010\"]", "custom_phone_numbers[1]" },
        { "\"default_language\":\"english\"", "default_language" },
        { "\"default_language\":\"en\",\"additional_languages\":[\"en\"]", "additional_languages[0]" },
        { "\"multilingual_mode\":\"sometimes\"", "multilingual_mode" },
        { "\"inbound_rollout\":1.5", "inbound_rollout" },
        { "\"inbound_rollout\":0.5", "phone_number" },
        { "\"inbound_rollout\":0.5,\"phone_number\":\"custom\",\"custom_phone_numbers\":[\"+15550400011\"]", "inbound_rollout_forward_phone_number" },
        { "\"inbound_rollout_forward_phone_number\":\"+15550400012\"", "inbound_rollout_forward_phone_number" },
        { "\"no_input_poke_sec\":\"soon\"", "no_input_poke_sec" },
        { "\"no_input_end_conversation_sec\":null", "no_input_end_conversation_sec" },
        { "\"phone_number\":\"mine\"", "phone_number" },
        { "\"system_prompt\":\"About {{undefined_thing}}\"", "template_variables" },
        { "\"template_variables\":{\"subject\":\"weather\"}", "template_variables.subject" },
        { "\"tasks\":[{\"name\":\"\"}]", "tasks[0].name" },
        { "\"timezone\":\"Nowhere/City\"", "timezone" },
        { "\"tools\":[\"teleport\"]", "tools[0]" },
        { "\"languages\":\"en\"", "languages" },
        { "\"custom_phone_number\":42", "custom_phone_number" },
        { "\"voice\":\"grant\"", "voice" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_rule_is_refused_with_the_field_named_and_nothing_is_stored(string extra, string field)
    {
        var api = _factory.Api();
        var name = NewName();
        var body = extra.StartsWith("\"name\"", StringComparison.Ordinal) ? $"{{{extra}}}" : $$"""{"name":"{{name}}",{{extra}}}""";
        var (status, problem) = await api.PostAsync("/v1/agents/upsert", body);
        Assert.True(status == 422, $"{status} {problem.ToJsonString()}");
        Assert.Contains(field, problem.ErrorFields());
        Assert.Equal(404, (await api.GetJsonAsync($"/v1/agents/{name}")).Status);
    }
}
