using System.Net;
using System.Text.Json.Nodes;
using Appliance.Configuration.Model;

namespace Appliance.Web.Tests;

/// <summary>/web/api/allowed-values: the page's dropdown choices, served from the model's AllowedValues.</summary>
public sealed class AllowedValuesTests
{
    [Fact]
    public async Task Allowed_values_are_the_models_own_lists_and_need_a_session()
    {
        using var box = new WebBox();
        using var technician = box.Http();

        using (var refused = await technician.GetAsync("/web/api/allowed-values"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await technician.SetUpAsync(box);
        using var response = await technician.GetAsync("/web/api/allowed-values");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var body = await WebClientExtensions.BodyOf(response);

        Assert.Equal(AgentTypes.All, Values(body, "agent", "agent_type"));
        Assert.Equal(AgentStatuses.All, Values(body, "agent", "status"));
        Assert.Equal(TtsModels.All, Values(body, "agent", "tts_model"));
        Assert.Equal(DenoisingModes.All, Values(body, "agent", "denoising_mode"));
        Assert.Equal(BuiltInTools.All, Values(body, "agent", "tools"));
        Assert.Equal(ConnectionTypes.All, Values(body, "connection", "type"));
        Assert.Equal(SipTransports.All, Values(body, "connection", "transport"));
    }

    [Fact]
    public async Task Every_listed_agent_value_is_accepted_by_the_api()
    {
        using var box = new WebBox();
        using var technician = box.Http();
        await technician.SetUpAsync(box);
        using var api = box.Api();
        var agent = (JsonObject)(await WebClientExtensions.BodyOf(await technician.GetAsync("/web/api/allowed-values")))["agent"]!;

        // One agent per position in the longest list, each field taking its value at that position (or its last one),
        // so every listed value of every field goes through the API's validation.
        var longest = agent.Max(f => f.Value!.AsArray().Count);
        for (var i = 0; i < longest; i++)
        {
            var candidate = new JsonObject { ["name"] = $"allowed-{i}", ["system_prompt"] = "You answer the phone." };
            foreach (var (field, values) in agent)
            {
                var list = values!.AsArray();
                var value = list[Math.Min(i, list.Count - 1)]!.GetValue<string>();
                candidate[field] = field == "tools" ? new JsonArray(value) : value;
            }
            using var created = await api.PostAsync("/v1/agents", WebClientExtensions.Json(candidate.ToJsonString()));
            Assert.True(created.StatusCode == HttpStatusCode.Created,
                $"{candidate.ToJsonString()} refused: {await created.Content.ReadAsStringAsync()}");
        }
    }

    private static string[] Values(JsonObject body, string entity, string field) =>
        [.. body[entity]![field]!.AsArray().Select(v => v!.GetValue<string>())];
}
