using System.Text.Json.Nodes;

namespace Appliance.Configuration.Secrets;

/// <summary>
/// When a client replaces a whole value (an array, or seed 004's fully replaced "extensions") it
/// sends back what it read, and secrets are never read. This copies each stored secret the new
/// value leaves out into the matching place of the new value, matching list entries by identity
/// (connection_name, name, key), so a GET → modify → PUT never wipes a secret.
/// </summary>
public static class SecretCarryOver
{
    private static readonly string[] IdentityKeys = ["connection_name", "name", "key", "id"];

    public static void Apply(JsonNode? stored, JsonNode? incoming) => Apply(stored, incoming, inHeaderList: false);

    private static void Apply(JsonNode? stored, JsonNode? incoming, bool inHeaderList)
    {
        if (stored is JsonObject oldObj && incoming is JsonObject newObj)
        {
            foreach (var (key, oldValue) in oldObj)
            {
                var isSecret = SecretFields.IsSecretName(key) || Array.IndexOf(SecretFields.HeaderMaps, key) >= 0 || (inHeaderList && key == "value");
                if (!newObj.ContainsKey(key))
                {
                    if (isSecret && oldValue is not null)
                    {
                        newObj[key] = oldValue.DeepClone();
                    }
                }
                else if (newObj[key] is null && inHeaderList && key == "value" && oldValue is not null)
                {
                    newObj[key] = oldValue.DeepClone();
                }
                else
                {
                    Apply(oldValue, newObj[key], key == SecretFields.HeaderList);
                }
            }
        }
        else if (stored is JsonArray oldArr && incoming is JsonArray newArr)
        {
            foreach (var item in newArr)
            {
                if (item is JsonObject newItem && FindSame(oldArr, newItem) is { } oldItem)
                {
                    Apply(oldItem, newItem, inHeaderList);
                }
            }
        }
    }

    private static JsonObject? FindSame(JsonArray candidates, JsonObject item)
    {
        foreach (var idKey in IdentityKeys)
        {
            if (item[idKey] is not JsonValue id)
            {
                continue;
            }
            foreach (var candidate in candidates)
            {
                if (candidate is JsonObject obj && obj[idKey] is JsonValue other && JsonNode.DeepEquals(id, other))
                {
                    return obj;
                }
            }
            return null;
        }
        return null;
    }
}
