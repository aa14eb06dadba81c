using Appliance.Configuration.Store;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>/web/api/connections/{id}/test: the connections page's "test connection" button (see <see cref="ConnectionProbe"/>).</summary>
internal static class ConnectionTestEndpoints
{
    public static void MapConnectionTest(this RouteGroupBuilder api) =>
        api.MapPost("/connections/{id}/test", async Task<IResult> (string id, ConfigurationStore store, ConnectionProbe probe,
            ILogger<ConnectionProbe> logger, CancellationToken ct) =>
        {
            if (store.GetConnection(id) is not { } connection)
            {
                return ApiResults.NotFound($"connection {id}");
            }
            var result = await probe.TestAsync(connection, ct);
            logger.LogInformation("Connection test of {Name} ({Type}): {Ok} {Detail}", connection.Name, connection.Type, result.Ok, result.Detail);
            return ApiResults.Json(result.ToJson());
        });
}
