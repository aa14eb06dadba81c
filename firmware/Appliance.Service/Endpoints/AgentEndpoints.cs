using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Service.Http;

namespace Appliance.Service.Endpoints;

/// <summary>The native agent API (Phonic-shaped, snake_case): /v1/agents.</summary>
internal static class AgentEndpoints
{
    public static RouteGroupBuilder MapAgents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/agents").WithTags("agents");

        group.MapPost("/upsert", async (HttpRequest request, ConfigurationStore store, string? project, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            return error ?? NativeRules(body!) ?? ApiResults.Guard(() =>
            {
                var (agent, inserted) = store.UpsertAgent(project ?? Projects.Default, body!);
                return ApiResults.Json(new JsonObject
                {
                    ["agent"] = WireFormat.Public(agent),
                    ["inserted"] = inserted,
                    ["updated"] = !inserted,
                });
            });
        });

        group.MapPost("/", async (HttpRequest request, ConfigurationStore store, string? project, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            return error ?? NativeRules(body!) ?? ApiResults.Guard(() =>
                ApiResults.Json(WireFormat.Public(store.CreateAgent(project ?? Projects.Default, body!)), StatusCodes.Status201Created));
        });

        group.MapGet("/", (ConfigurationStore store, string? project) =>
            ApiResults.Json(new JsonObject { ["agents"] = WireFormat.PublicList(store.ListAgents(project ?? Projects.Default)) }));

        group.MapGet("/{idOrName}", IResult (string idOrName, ConfigurationStore store, string? project) =>
            Find(store, idOrName, project) is { } agent ? ApiResults.Json(WireFormat.Public(agent)) : ApiResults.NotFound($"agent {idOrName}"));

        group.MapMethods("/{idOrName}", ["PUT", "PATCH"], async Task<IResult> (string idOrName, HttpRequest request, ConfigurationStore store, string? project, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            if (error is not null)
            {
                return error;
            }
            if (NativeRules(body!) is { } invalid)
            {
                return invalid;
            }
            var agent = Find(store, idOrName, project);
            return agent is null
                ? ApiResults.NotFound($"agent {idOrName}")
                : ApiResults.Guard(() => ApiResults.Json(WireFormat.Public(store.UpdateAgent(agent.Id, body!))));
        });

        group.MapDelete("/{idOrName}", IResult (string idOrName, ConfigurationStore store, string? project) =>
            Find(store, idOrName, project) is { } agent && store.DeleteAgent(agent.Id)
                ? ApiResults.Json(new JsonObject { ["success"] = true })
                : ApiResults.NotFound($"agent {idOrName}"));

        return group;
    }

    /// <summary>
    /// Ranges the Phonic-shaped API documents more narrowly than the canonical model (which also
    /// holds seed 001's wider voiceSpeed): audio_speed is 0.5-1.5 when sent here.
    /// </summary>
    private static IResult? NativeRules(JsonObject body)
    {
        if (body["audio_speed"] is JsonValue speed && speed.TryGetValue<double>(out var value) && (value < 0.5 || value > 1.5))
        {
            var errors = new Configuration.Validation.ValidationErrors();
            errors.Add("audio_speed", "must be between 0.5 and 1.5");
            return ApiResults.Validation(errors);
        }
        return null;
    }

    /// <summary>Like Phonic, an agent can be named by id or by name within the project.</summary>
    private static Agent? Find(ConfigurationStore store, string idOrName, string? project) =>
        store.GetAgent(idOrName) ?? store.FindAgent(project ?? Projects.Default, idOrName);
}
