using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Appliance.Configuration.Validation;

namespace Appliance.Configuration.Json;

/// <summary>
/// Finds every property of a request that the model does not have, with its full path, by walking
/// the source-generated metadata (no reflection). Free-form JSON objects are not checked.
/// </summary>
public static class UnknownFields
{
    public static void Check(JsonObject body, JsonTypeInfo typeInfo, ValidationErrors errors, string path = "", IReadOnlySet<string>? ignore = null)
    {
        foreach (var (key, value) in body)
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (ignore is not null && path.Length == 0 && ignore.Contains(key))
            {
                continue;
            }
            var property = Find(typeInfo, key);
            if (property is null)
            {
                errors.Add(childPath, "is not a known field");
                continue;
            }
            CheckValue(value, typeInfo.Options.GetTypeInfo(property.PropertyType), errors, childPath);
        }
    }

    private static void CheckValue(JsonNode? value, JsonTypeInfo info, ValidationErrors errors, string path)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when value is JsonObject obj && info.Type != typeof(JsonObject):
                Check(obj, info, errors, path);
                break;
            case JsonTypeInfoKind.Object or JsonTypeInfoKind.None when value is JsonObject freeForm:
                CheckFreeFormKeys(freeForm, errors, path);
                break;
            case JsonTypeInfoKind.Enumerable when value is JsonArray array && info.ElementType is { } element:
                var elementInfo = info.Options.GetTypeInfo(element);
                for (var i = 0; i < array.Count; i++)
                {
                    CheckValue(array[i], elementInfo, errors, $"{path}[{i}]");
                }
                break;
            case JsonTypeInfoKind.Dictionary when value is JsonObject map && info.ElementType is { } valueType:
                var valueInfo = info.Options.GetTypeInfo(valueType);
                foreach (var (key, item) in map)
                {
                    if (!IsStorableKey(key))
                    {
                        errors.Add($"{path}.{key}", KeyRule);
                        continue;
                    }
                    CheckValue(item, valueInfo, errors, $"{path}.{key}");
                }
                break;
        }
    }

    private const string KeyRule = "names must be 1-100 printable characters and not start with '$'";

    /// <summary>
    /// Free-form objects (integrations, example_context, credentials) are stored as they are, so
    /// their names must be names the store can hold: printable, not "$..." (LiteDB's operators).
    /// </summary>
    private static void CheckFreeFormKeys(JsonObject obj, ValidationErrors errors, string path)
    {
        foreach (var (key, value) in obj)
        {
            var childPath = $"{path}.{key}";
            if (!IsStorableKey(key))
            {
                errors.Add(childPath, KeyRule);
            }
            else if (value is JsonObject nested)
            {
                CheckFreeFormKeys(nested, errors, childPath);
            }
            else if (value is JsonArray array)
            {
                foreach (var item in array)
                {
                    if (item is JsonObject element)
                    {
                        CheckFreeFormKeys(element, errors, childPath);
                    }
                }
            }
        }
    }

    private static bool IsStorableKey(string key)
    {
        if (key.Length is 0 or > 100 || key[0] == '$')
        {
            return false;
        }
        foreach (var c in key)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFF')
            {
                return false;
            }
        }
        return true;
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo typeInfo, string name)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }
        return null;
    }
}
