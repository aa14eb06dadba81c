using System.Text.Json.Nodes;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Service.Http;

namespace Appliance.Service.Compat.AgentConfig;

/// <summary>
/// Seed 004 under /compat/agentconfig/agents/{id}: GET (Get Agent) and PUT (Update Agent, partial).
/// MCP servers in extensions are tested before the agent is saved; one that cannot be reached is
/// stored untested and named in a non-fatal "warnings" array of the response.
/// </summary>
internal static class AgentConfigEndpoints
{
    public const string Prefix = "/compat/agentconfig/agents";

    public static RouteGroupBuilder MapAgentConfigCompat(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix).WithTags("compat-agentconfig");

        group.MapGet("/{id}", IResult (string id, ConfigurationStore store) =>
            store.GetAgent(id) is { } agent ? ApiResults.Json(AgentConfigView.From(agent)) : ApiResults.NotFound($"agent {id}"));

        group.MapPut("/{id}", async Task<IResult> (string id, HttpRequest request, ConfigurationStore store, TimeProvider time, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            if (error is not null)
            {
                return error;
            }
            if (store.GetAgent(id) is not { } stored)
            {
                return ApiResults.NotFound($"agent {id}");
            }
            var errors = new ValidationErrors();
            var servers = new List<McpServerToTest>();
            var canonical = AgentConfigMapper.ToCanonical(body!, stored, servers, errors);
            if (!errors.IsEmpty)
            {
                return CompatResults.Invalid(errors);
            }
            var warnings = await TestServersAsync(servers, time, ct);
            return CompatResults.Guard(AgentConfigFields.Names, () =>
            {
                var view = AgentConfigView.From(store.UpdateAgent(id, canonical));
                if (warnings.Count > 0)
                {
                    view["warnings"] = warnings;
                }
                return ApiResults.Json(view);
            });
        });

        return group;
    }

    /// <summary>Tests each server one after another (a handful at most) and records the outcome in its stored shape.</summary>
    private static async Task<JsonArray> TestServersAsync(List<McpServerToTest> servers, TimeProvider time, CancellationToken ct)
    {
        var warnings = new JsonArray();
        foreach (var server in servers)
        {
            var result = await McpServerProbe.TestAsync(server.Name, server.Url, server.TransportType, server.Headers, ct);
            server.Stored["fingerprint"] = result.Fingerprint;
            server.Stored["discovered_tools"] = new JsonArray([.. result.Tools.Select(t => (JsonNode)JsonValue.Create(t)!)]);
            server.Stored["tested_at"] = result.Failure is null ? time.GetUtcNow().ToString("O") : null;
            if (result.Failure is not null)
            {
                warnings.Add((JsonNode)new JsonObject { ["connection_name"] = server.Name, ["message"] = result.Failure });
            }
        }
        return warnings;
    }
}
