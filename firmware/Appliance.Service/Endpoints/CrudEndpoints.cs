using System.Text.Json.Nodes;
using Appliance.Service.Http;

namespace Appliance.Service.Endpoints;

/// <summary>The store operations behind one plain resource (create, list, get, partial update, delete).</summary>
internal sealed record CrudOperations<T>(
    string Noun,
    Func<JsonObject, T> Create,
    Func<IReadOnlyList<T>> List,
    Func<string, T?> Get,
    Func<string, JsonObject, T> Update,
    Func<string, bool> Delete) where T : class;

/// <summary>Maps the five routes every plain /v1 resource has, with one shape of response and error.</summary>
internal static class CrudEndpoints
{
    public static RouteGroupBuilder MapCrud<T>(this IEndpointRouteBuilder routes, string prefix, string listName,
        Func<IServiceProvider, CrudOperations<T>> operations) where T : class
    {
        var group = routes.MapGroup(prefix);

        group.MapPost("/", async Task<IResult> (HttpContext context, CancellationToken ct) =>
        {
            var ops = operations(context.RequestServices);
            var (body, error) = await JsonBody.ReadObjectAsync(context.Request, ct);
            return error ?? ApiResults.Guard(() => ApiResults.Json(WireFormat.Public(ops.Create(body!)), StatusCodes.Status201Created));
        });

        group.MapGet("/", (HttpContext context) =>
            ApiResults.Json(new JsonObject { [listName] = WireFormat.PublicList(operations(context.RequestServices).List()) }));

        group.MapGet("/{id}", IResult (string id, HttpContext context) =>
        {
            var ops = operations(context.RequestServices);
            return ops.Get(id) is { } entity ? ApiResults.Json(WireFormat.Public(entity)) : ApiResults.NotFound($"{ops.Noun} {id}");
        });

        group.MapMethods("/{id}", ["PUT", "PATCH"], async Task<IResult> (string id, HttpContext context, CancellationToken ct) =>
        {
            var ops = operations(context.RequestServices);
            var (body, error) = await JsonBody.ReadObjectAsync(context.Request, ct);
            return error ?? ApiResults.Guard(() => ApiResults.Json(WireFormat.Public(ops.Update(id, body!))));
        });

        group.MapDelete("/{id}", IResult (string id, HttpContext context) =>
        {
            var ops = operations(context.RequestServices);
            return ApiResults.Guard(() => ops.Delete(id) ? ApiResults.Json(new JsonObject { ["success"] = true }) : ApiResults.NotFound($"{ops.Noun} {id}"));
        });

        return group;
    }
}
