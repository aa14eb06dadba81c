using System.Text.Json.Nodes;
using Appliance.Configuration.Store;
using Appliance.Service.Http;

namespace Appliance.Service.Endpoints;

/// <summary>/v1/api-keys: list (no secrets), create (the key is shown once), delete.</summary>
internal static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/api-keys").WithTags("api-keys");

        group.MapGet("/", (ConfigurationStore store) =>
        {
            var list = new JsonArray();
            foreach (var key in store.ListApiKeys())
            {
                list.Add((JsonNode)WireFormat.Public(key));
            }
            return ApiResults.Json(new JsonObject { ["api_keys"] = list });
        });

        group.MapPost("/", async Task<IResult> (HttpRequest request, ConfigurationStore store, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            if (error is not null)
            {
                return error;
            }
            var errors = new Configuration.Validation.ValidationErrors();
            foreach (var (field, _) in body!)
            {
                if (field != "name")
                {
                    errors.Add(field, "is not a known field");
                }
            }
            var name = body["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (name is null)
            {
                errors.Add("name", "is required and must be a string");
            }
            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors);
            }
            return ApiResults.Guard(() =>
            {
                var (key, secret) = store.CreateApiKey(name!);
                return ApiResults.Json(new JsonObject { ["api_key"] = WireFormat.Public(key), ["key"] = secret }, StatusCodes.Status201Created);
            });
        });

        group.MapDelete("/{id}", IResult (string id, ConfigurationStore store, HttpContext context) =>
        {
            if (store.CountApiKeys() == 1 && store.ListApiKeys()[0].Id == id)
            {
                return ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", "this is the last API key: create another one before deleting it");
            }
            return store.DeleteApiKey(id) ? ApiResults.Json(new JsonObject { ["success"] = true }) : ApiResults.NotFound($"API key {id}");
        });

        return group;
    }
}
