using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Patching;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Conversation.Session;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// /web/api/agents/preview: the welcome message and system prompt exactly as a call would get them,
/// through the engine's own <see cref="PromptBuilder"/>, for the agent being edited (saved fields,
/// overlaid with the form's unsaved changes) and sample values for its {{variables}}.
/// </summary>
internal static class AgentPreviewEndpoints
{
    // A number from the range reserved for fiction, so a preview never shows a real caller.
    private const string SampleCaller = "+15555550100";

    public static void MapAgentPreview(this RouteGroupBuilder api)
    {
        api.MapPost("/agents/preview", async Task<IResult> (HttpRequest request, ConfigurationStore store, TimeProvider time, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            if (error is not null)
            {
                return error;
            }
            var errors = new ValidationErrors();
            var agent = new Agent();
            if (Text(body!, "agent_id") is { } id)
            {
                if (store.GetAgent(id) is not { } stored)
                {
                    return ApiResults.NotFound($"agent {id}");
                }
                agent = stored;
            }
            if (body!["changes"] is JsonObject changes)
            {
                agent = EntityPatcher.Update(agent, changes, AgentRequestRules.Rules, errors);
            }
            var samples = SampleValues(body, errors);
            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors);
            }
            var call = new CallFacts("preview", Text(body, "caller_number") ?? SampleCaller,
                agent.CustomPhoneNumbers.Count > 0 ? agent.CustomPhoneNumbers[0] : agent.PhoneNumber, time.GetUtcNow());
            var variables = PromptBuilder.Variables(agent, call, samples);
            var welcome = TemplateText.Fill(agent.WelcomeMessage, variables);
            var prompt = PromptBuilder.SystemPrompt(agent, variables);
            var values = new JsonObject();
            foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                values[name] = value;
            }
            var missing = new JsonArray();
            foreach (var name in TemplateText.VariablesIn(agent.WelcomeMessage + "\n" + agent.SystemPrompt).Distinct(StringComparer.Ordinal))
            {
                if (!variables.ContainsKey(name))
                {
                    missing.Add((JsonNode)name);
                }
            }
            return ApiResults.Json(new JsonObject
            {
                ["welcome_message"] = welcome,
                ["system_prompt"] = prompt,
                ["variables"] = values,
                ["missing_variables"] = missing,
            });
        });
    }

    /// <summary>"variables": { name: text } sample values; each must be a string under a valid name.</summary>
    private static Dictionary<string, string> SampleValues(JsonObject body, ValidationErrors errors)
    {
        var samples = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body["variables"] is null)
        {
            return samples;
        }
        if (body["variables"] is not JsonObject given)
        {
            errors.Add("variables", "must be an object of name: text");
            return samples;
        }
        foreach (var (name, node) in given)
        {
            if (!TemplateText.IsVariableName(name) || node is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length > 2000)
            {
                errors.Add($"variables.{name}", "must be a text of at most 2000 characters under a name of letters, digits and _");
                continue;
            }
            samples[name] = text;
        }
        return samples;
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length is > 0 and <= 200 ? text : null;
}
