using Appliance.Configuration.Model;
using Appliance.Configuration.Store;

namespace Appliance.Service.Endpoints;

/// <summary>/v1/connections: PBX/SIP trunk, analog line, cloud providers, e-mail server.</summary>
internal static class ConnectionEndpoints
{
    public static RouteGroupBuilder MapConnections(this IEndpointRouteBuilder routes) =>
        routes.MapCrud("/v1/connections", "connections", services =>
        {
            var store = services.GetRequiredService<ConfigurationStore>();
            return new CrudOperations<Connection>("connection", store.CreateConnection, store.ListConnections,
                store.GetConnection, store.UpdateConnection, store.DeleteConnection);
        }).WithTags("connections");
}
