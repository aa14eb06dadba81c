using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Appliance.Configuration.Validation;

namespace Appliance.Configuration.Json;

/// <summary>Turns client JSON into model objects, reporting every problem against a field name.</summary>
public static class JsonInput
{
    /// <summary>Deserializes <paramref name="body"/>; wrong types become a validation error on the field.</summary>
    public static T Deserialize<T>(JsonObject body, ValidationErrors errors) where T : class, new()
    {
        var info = ConfigJson.Info<T>(ConfigJson.Strict);
        UnknownFields.Check(body, info, errors);
        if (!errors.IsEmpty)
        {
            return new T();
        }
        try
        {
            return body.Deserialize(info) ?? new T();
        }
        catch (JsonException ex)
        {
            errors.Add(FieldOf(ex.Path), DescribeTypeError(ex));
            return new T();
        }
    }

    public static JsonObject ToJson<T>(T entity) where T : class =>
        JsonSerializer.SerializeToNode(entity, ConfigJson.Info<T>(ConfigJson.Lenient))!.AsObject();

    public static JsonTypeInfo<T> Info<T>() => ConfigJson.Info<T>(ConfigJson.Strict);

    /// <summary>"$.tasks[0].name" → "tasks[0].name".</summary>
    public static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }
        var field = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return field.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
    }

    private static string DescribeTypeError(JsonException ex)
    {
        // System.Text.Json's messages name .NET types; say what a client can act on instead.
        var message = ex.Message;
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase))
        {
            return "must not be null";
        }
        if (message.Contains("Int32", StringComparison.Ordinal) || message.Contains("Int64", StringComparison.Ordinal))
        {
            return "must be a whole number";
        }
        if (message.Contains("Double", StringComparison.Ordinal))
        {
            return "must be a number";
        }
        if (message.Contains("Boolean", StringComparison.Ordinal))
        {
            return "must be true or false";
        }
        if (message.Contains("DateTimeOffset", StringComparison.Ordinal))
        {
            return "must be an ISO 8601 date and time";
        }
        if (message.Contains("String", StringComparison.Ordinal))
        {
            return "must be a string";
        }
        if (message.Contains("List", StringComparison.Ordinal))
        {
            return "must be an array";
        }
        return "has the wrong type";
    }
}
