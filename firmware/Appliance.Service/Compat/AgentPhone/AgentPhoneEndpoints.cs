using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Service.Http;

namespace Appliance.Service.Compat.AgentPhone;

/// <summary>
/// Seed 001's camelCase agents API under /compat/agentphone/v1/agents: create, list, get, update
/// (PATCH or PUT, partial) and delete, on the one store (agents of the default project).
/// </summary>
internal static class AgentPhoneEndpoints
{
    public const string Prefix = "/compat/agentphone/v1/agents";

    public static RouteGroupBuilder MapAgentPhoneCompat(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix).WithTags("compat-agentphone");
        var names = AgentPhoneMapper.Names;

        group.MapPost("/", async Task<IResult> (HttpRequest request, ConfigurationStore store, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            if (error is not null)
            {
                return error;
            }
            var errors = new ValidationErrors();
            var canonical = AgentPhoneMapper.ToCanonical(body!, stored: null, n => store.FindAgent(Projects.Default, n) is not null, errors);
            return !errors.IsEmpty
                ? CompatResults.Invalid(errors)
                : CompatResults.Guard(names, () => ApiResults.Json(AgentPhoneMapper.FromCanonical(store.CreateAgent(Projects.Default, canonical))));
        });

        group.MapGet("/", (ConfigurationStore store) =>
        {
            var list = new JsonArray();
            foreach (var agent in store.ListAgents(Projects.Default))
            {
                list.Add((JsonNode)AgentPhoneMapper.FromCanonical(agent));
            }
            return ApiResults.Json(new JsonObject { ["data"] = list, ["total"] = list.Count });
        });

        group.MapGet("/{id}", IResult (string id, ConfigurationStore store) =>
            store.GetAgent(id) is { } agent ? ApiResults.Json(AgentPhoneMapper.FromCanonical(agent)) : ApiResults.NotFound($"agent {id}"));

        group.MapMethods("/{id}", ["PATCH", "PUT"], async Task<IResult> (string id, HttpRequest request, ConfigurationStore store, CancellationToken ct) =>
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
            var canonical = AgentPhoneMapper.ToCanonical(body!, stored, _ => false, errors);
            return !errors.IsEmpty
                ? CompatResults.Invalid(errors)
                : CompatResults.Guard(names, () => ApiResults.Json(AgentPhoneMapper.FromCanonical(store.UpdateAgent(id, canonical))));
        });

        group.MapDelete("/{id}", IResult (string id, ConfigurationStore store) =>
            store.GetAgent(id) is { } agent && store.DeleteAgent(agent.Id)
                ? ApiResults.Json(new JsonObject { ["id"] = agent.Id, ["deleted"] = true })
                : ApiResults.NotFound($"agent {id}"));

        return group;
    }
}
