using System.Text.Json.Nodes;
using Appliance.Configuration.Json;
using Appliance.Configuration.Model;
using Appliance.Configuration.Secrets;

namespace Appliance.Service.Http;

/// <summary>How stored entities leave the box: snake_case JSON with every secret removed.</summary>
internal static class WireFormat
{
    public static JsonObject Public<T>(T entity) where T : class => SecretRedactor.Redact(JsonInput.ToJson(entity));

    public static JsonArray PublicList<T>(IEnumerable<T> entities) where T : class
    {
        var array = new JsonArray();
        foreach (var entity in entities)
        {
            array.Add((System.Text.Json.Nodes.JsonNode)Public(entity));
        }
        return array;
    }

    /// <summary>An API key without its hash.</summary>
    public static JsonObject Public(ApiKey key) => new()
    {
        ["id"] = key.Id,
        ["name"] = key.Name,
        ["prefix"] = key.Prefix,
        ["created_at"] = key.CreatedAt.ToString("O"),
        ["last_used_at"] = key.LastUsedAt?.ToString("O"),
    };
}
