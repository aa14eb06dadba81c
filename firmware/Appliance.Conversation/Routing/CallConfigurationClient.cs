using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Patching;
using Appliance.Configuration.Validation;
using Microsoft.Extensions.Logging;

namespace Appliance.Conversation.Routing;

/// <summary>
/// Phonic's configuration_endpoint: at call start the box POSTs the call's facts and may get back
/// per-call settings: agent fields (snake_case, e.g. welcome_message, system_prompt, voice_id) and
/// template_variables as name: value. A timeout, an error or an invalid answer is logged and the
/// call goes on with the stored agent.
/// </summary>
public sealed class CallConfigurationClient(HttpClient http, TimeProvider time, ILogger logger)
{
    private const int MaxResponseBytes = 256 * 1024;

    public async Task<(Agent Agent, Dictionary<string, string> Variables)> ApplyAsync(Agent agent, string callId, string? caller, string? called, CancellationToken ct)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (agent.ConfigurationEndpoint is not { } endpoint)
        {
            return (agent, variables);
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(endpoint.TimeoutMs), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
            {
                Content = new StringContent(new JsonObject
                {
                    ["call_id"] = callId,
                    ["agent_id"] = agent.Id,
                    ["agent_name"] = agent.Name,
                    ["from_phone_number"] = caller,
                    ["to_phone_number"] = called,
                }.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in endpoint.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("configuration_endpoint of agent {Agent} answered {Status}; using the stored agent", agent.Name, (int)response.StatusCode);
                return (agent, variables);
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            if (bytes.Length > MaxResponseBytes || JsonNode.Parse(bytes) is not JsonObject body)
            {
                logger.LogWarning("configuration_endpoint of agent {Agent} did not return a JSON object; using the stored agent", agent.Name);
                return (agent, variables);
            }
            return (Apply(agent, body, variables), variables);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("configuration_endpoint of agent {Agent} failed ({Error}); using the stored agent", agent.Name, ex.GetType().Name);
            return (agent, variables);
        }
    }

    private Agent Apply(Agent agent, JsonObject body, Dictionary<string, string> variables)
    {
        if (body["template_variables"] is JsonObject values)
        {
            // name: value here; the agent's own shape is name: {default_value}, so a welcome message
            // from the endpoint may use the variables it defines.
            var asAgentVariables = new JsonObject();
            foreach (var (name, value) in values)
            {
                if (TemplateText.IsVariableName(name) && value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    variables[name] = text;
                    asAgentVariables[name] = new JsonObject { ["default_value"] = text };
                }
            }
            body["template_variables"] = asAgentVariables;
        }
        if (body.Count == 0)
        {
            return agent;
        }
        var errors = new ValidationErrors();
        var patched = EntityPatcher.Update(agent, body, AgentRequestRules.Rules, errors);
        if (errors.IsEmpty)
        {
            errors = AgentValidator.Validate(patched);
        }
        if (!errors.IsEmpty)
        {
            logger.LogWarning("configuration_endpoint of agent {Agent} returned invalid settings ({Errors}); using the stored agent", agent.Name, errors.ToString());
            return agent;
        }
        return patched;
    }
}
