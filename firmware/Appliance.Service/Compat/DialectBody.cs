using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Configuration.Validation;

namespace Appliance.Service.Compat;

/// <summary>
/// Typed reads of a dialect's request body. Every wrong type or unknown field is recorded against
/// the field name the client used; a read that fails returns false and the mapper skips the field.
/// </summary>
internal sealed class DialectBody(JsonObject body, ValidationErrors errors, string prefix = "")
{
    public JsonObject Json => body;

    public ValidationErrors Errors => errors;

    public bool Has(string field) => body.ContainsKey(field);

    public string PathOf(string field) => prefix + field;

    public void RefuseUnknown(IReadOnlySet<string> known)
    {
        foreach (var (key, _) in body)
        {
            if (!known.Contains(key))
            {
                errors.Add(PathOf(key), "is not a known field");
            }
        }
    }

    /// <summary>Present and a string or null (null gives value null).</summary>
    public bool TryString(string field, out string? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return false;
        }
        if (node is null)
        {
            return true;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }
        errors.Add(PathOf(field), "must be a string");
        return false;
    }

    public bool TryBool(string field, out bool? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return false;
        }
        if (node is null)
        {
            return true;
        }
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetValue<bool>();
            return true;
        }
        errors.Add(PathOf(field), "must be true or false");
        return false;
    }

    public bool TryNumber(string field, out double? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return false;
        }
        if (node is null)
        {
            return true;
        }
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d))
        {
            value = d;
            return true;
        }
        errors.Add(PathOf(field), "must be a number");
        return false;
    }

    public bool TryInteger(string field, out long? value)
    {
        value = null;
        if (!TryNumber(field, out var d))
        {
            return false;
        }
        if (d is { } number && (number != Math.Floor(number) || Math.Abs(number) > long.MaxValue / 2))
        {
            errors.Add(PathOf(field), "must be a whole number");
            return false;
        }
        value = (long?)d;
        return true;
    }

    public bool TryObject(string field, out JsonObject? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return false;
        }
        if (node is null or JsonObject)
        {
            value = (JsonObject?)node;
            return true;
        }
        errors.Add(PathOf(field), "must be an object");
        return false;
    }

    public bool TryArray(string field, out JsonArray? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return false;
        }
        if (node is null or JsonArray)
        {
            value = (JsonArray?)node;
            return true;
        }
        errors.Add(PathOf(field), "must be an array");
        return false;
    }

    /// <summary>Checks a present string against the dialect's own enumeration.</summary>
    public bool TryEnum(string field, string[] allowed, out string? value)
    {
        if (!TryString(field, out value))
        {
            return false;
        }
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            errors.Add(PathOf(field), $"must be one of: {string.Join(", ", allowed)}");
            return false;
        }
        return true;
    }
}
