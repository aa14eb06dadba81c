using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// The configuration as one JSON document (connections, agents, numbers) and back. Secrets are
/// never exported: the backup lists which ones must be re-entered after a restore. References
/// between entities travel by name (ids differ between boxes). A restore goes through the same
/// store operations, and so the same validation, as the API: each entity is created, or updated
/// when one of that name exists, and each failure is reported with its per-field errors.
/// </summary>
internal static class ConfigurationBackup
{
    public const string Format = "appliance-configuration";
    public const int Version = 1;

    // Set by the store, derived from other entities, or a cache tied to this box: never restored.
    private static readonly string[] NotRestored = ["id", "project", "created_at", "updated_at", "schema_version", SecretsSet,
        "phone_number", "custom_phone_numbers", "google_place_data", "google_place_context", "google_place_fetched_at"];

    private const string SecretsSet = "secrets_set";

    public static JsonObject Export(ConfigurationStore store, DateTimeOffset now)
    {
        var connectionNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new JsonArray();
        var connections = new JsonArray();
        foreach (var connection in store.ListConnections())
        {
            connectionNames[connection.Id] = connection.Name;
            connections.Add((JsonNode)Portable(WireFormat.Public(connection), "connection", connection.Name, secrets));
        }
        var agents = new JsonArray();
        var agentNames = new Dictionary<string, Agent>(StringComparer.Ordinal);
        foreach (var agent in store.ListAgents())
        {
            agentNames[agent.Id] = agent;
            var json = Portable(WireFormat.Public(agent), "agent", agent.Name, secrets);
            json["project"] = agent.Project;
            if (Text(json["email_server_id"]) is { } id && connectionNames.TryGetValue(id, out var server))
            {
                json.Remove("email_server_id");
                json["email_server"] = server;
            }
            agents.Add((JsonNode)json);
        }
        var numbers = new JsonArray();
        foreach (var number in store.ListPhoneNumbers())
        {
            var json = Portable(WireFormat.Public(number), "phone_number", number.Number, secrets);
            json.Remove("agent_id");
            json.Remove("connection_id");
            if (number.AgentId is { } agentId && agentNames.TryGetValue(agentId, out var agent))
            {
                json["agent"] = new JsonObject { ["project"] = agent.Project, ["name"] = agent.Name };
            }
            if (number.ConnectionId is { } connectionId && connectionNames.TryGetValue(connectionId, out var connectionName))
            {
                json["connection"] = connectionName;
            }
            numbers.Add((JsonNode)json);
        }
        return new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["exported_at"] = now.ToString("O"),
            ["secrets_to_reenter"] = secrets,
            ["connections"] = connections,
            ["agents"] = agents,
            ["phone_numbers"] = numbers,
        };
    }

    /// <summary>Restores what it can; returns counts, per-entity errors and the secrets to re-enter.</summary>
    public static JsonObject Restore(ConfigurationStore store, JsonObject backup)
    {
        var errors = new JsonArray();
        if (Text(backup["format"]) != Format || backup["version"] is not JsonValue v || !v.TryGetValue<int>(out var version) || version != Version)
        {
            var problem = new ValidationErrors();
            problem.Add("format", $"must be a {Format} backup, version {Version}");
            throw new ValidationException(problem);
        }
        var counts = new JsonObject();
        counts["connections"] = Each(backup, "connections", errors, "connection", json =>
        {
            var name = Name(json, "name");
            var existing = store.ListConnections().FirstOrDefault(c => c.Name == name);
            _ = existing is null ? store.CreateConnection(json) : store.UpdateConnection(existing.Id, json);
        });
        counts["agents"] = Each(backup, "agents", errors, "agent", json =>
        {
            var project = Take(json, "project") ?? Projects.Default;
            if (Take(json, "email_server") is { } server)
            {
                json["email_server_id"] = store.ListConnections().FirstOrDefault(c => c.Name == server)?.Id
                    ?? throw Invalid("email_server", $"names connection '{server}', which is not on this box");
            }
            store.UpsertAgent(project, json);
        });
        counts["phone_numbers"] = Each(backup, "phone_numbers", errors, "phone_number", json =>
        {
            var number = Name(json, "number");
            if (json["agent"] is JsonObject agent)
            {
                json.Remove("agent");
                var project = Text(agent["project"]) ?? Projects.Default;
                var name = Text(agent["name"]);
                json["agent_id"] = (name is null ? null : store.FindAgent(project, name)?.Id) ?? throw Invalid("agent", $"names agent '{name}', which is not on this box");
            }
            if (Take(json, "connection") is { } connection)
            {
                json["connection_id"] = store.ListConnections().FirstOrDefault(c => c.Name == connection)?.Id
                    ?? throw Invalid("connection", $"names connection '{connection}', which is not on this box");
            }
            var existing = store.FindPhoneNumber(number);
            _ = existing is null ? store.CreatePhoneNumber(json) : store.UpdatePhoneNumber(existing.Id, json);
        });
        return new JsonObject
        {
            ["restored"] = counts,
            ["errors"] = errors,
            ["secrets_to_reenter"] = backup["secrets_to_reenter"] is JsonArray secrets ? secrets.DeepClone() : new JsonArray(),
        };
    }

    /// <summary>Applies <paramref name="restore"/> to each object of the list; returns how many succeeded.</summary>
    private static int Each(JsonObject backup, string list, JsonArray errors, string entity, Action<JsonObject> restore)
    {
        if (backup[list] is not JsonArray items)
        {
            return 0;
        }
        var restored = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var label = items[i] is JsonObject named ? Text(named["name"] ?? named["number"]) ?? $"#{i + 1}" : $"#{i + 1}";
            var result = items[i] is JsonObject item
                ? ApiResults.Guard(() =>
                {
                    restore((JsonObject)item.DeepClone());
                    return Results.Ok();
                })
                : ApiResults.Validation(Single("item", "must be a JSON object"));
            if (result is Microsoft.AspNetCore.Http.HttpResults.Ok)
            {
                restored++;
                continue;
            }
            errors.Add((JsonNode)new JsonObject { ["entity"] = entity, ["name"] = label, ["errors"] = ErrorsOf(result) });
        }
        return restored;
    }

    private static JsonObject ErrorsOf(IResult result)
    {
        var json = new JsonObject();
        if (result is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { ProblemDetails: var problem })
        {
            if (problem is Microsoft.AspNetCore.Http.HttpValidationProblemDetails { Errors.Count: > 0 } validation)
            {
                foreach (var (field, messages) in validation.Errors)
                {
                    json[field] = new JsonArray([.. messages.Select(m => (JsonNode)m)]);
                }
            }
            else
            {
                json[""] = new JsonArray((JsonNode)(problem.Detail ?? problem.Title ?? "failed"));
            }
        }
        return json;
    }

    /// <summary>The entity's public JSON without what is not restored; its set secrets go on the re-enter list.</summary>
    private static JsonObject Portable(JsonObject json, string entity, string name, JsonArray secrets)
    {
        if (json[SecretsSet] is JsonArray { Count: > 0 } set)
        {
            secrets.Add((JsonNode)new JsonObject { ["entity"] = entity, ["name"] = name, ["fields"] = set.DeepClone() });
        }
        foreach (var field in NotRestored)
        {
            json.Remove(field);
        }
        return json;
    }

    private static string Name(JsonObject json, string field) =>
        Text(json[field]) is { Length: > 0 } name ? name : throw Invalid(field, "is required");

    /// <summary>A string value, or null for anything else (a number where a name belongs is not a crash).</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? Take(JsonObject json, string field)
    {
        var value = Text(json[field]);
        json.Remove(field);
        return value;
    }

    private static ValidationErrors Single(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    private static ValidationException Invalid(string field, string message) => new(Single(field, message));
}
