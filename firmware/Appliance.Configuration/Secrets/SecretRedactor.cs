using System.Text.Json.Nodes;

namespace Appliance.Configuration.Secrets;

/// <summary>
/// Removes secret values from an entity's JSON before it leaves the box and lists, in
/// "secrets_set", the paths of the secrets that are stored, so a client can show "set" or "not set".
/// </summary>
public static class SecretRedactor
{
    public const string SecretsSetField = "secrets_set";

    public static JsonObject Redact(JsonObject entity)
    {
        var set = new JsonArray();
        Walk(entity, "", set);
        entity[SecretsSetField] = set;
        return entity;
    }

    private static void Walk(JsonNode? node, string path, JsonArray set)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    var child = obj[key];
                    if (SecretFields.IsSecretName(key) || (Array.IndexOf(SecretFields.HeaderMaps, key) >= 0 && child is JsonObject))
                    {
                        RedactValue(obj, key, child, childPath, set);
                    }
                    else if (key == SecretFields.HeaderList && child is JsonArray headers)
                    {
                        for (var i = 0; i < headers.Count; i++)
                        {
                            if (headers[i] is JsonObject header && header["value"] is not null)
                            {
                                header.Remove("value");
                                set.Add((JsonNode)JsonValue.Create($"{childPath}[{i}].value"));
                            }
                        }
                    }
                    else
                    {
                        Walk(child, childPath, set);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", set);
                }
                break;
        }
    }

    private static void RedactValue(JsonObject parent, string key, JsonNode? value, string path, JsonArray set)
    {
        if (value is JsonObject map)
        {
            // A header map is left out whole; its names are listed so a client can see which are set.
            // Leaving it out (rather than nulling values) keeps a GET → PUT round trip from clearing it.
            foreach (var name in map.Select(p => p.Key))
            {
                set.Add((JsonNode)JsonValue.Create($"{path}.{name}"));
            }
            parent.Remove(key);
            return;
        }
        if (value is not null)
        {
            set.Add((JsonNode)JsonValue.Create(path));
        }
        parent.Remove(key);
    }
}
