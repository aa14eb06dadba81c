namespace Appliance.Configuration.Validation;

/// <summary>Small rule helpers that record an error naming the field when a rule fails.</summary>
internal static class Check
{
    public static void OneOf(ValidationErrors errors, string field, string? value, string[] allowed, bool nullable = false)
    {
        if (value is null)
        {
            if (!nullable)
            {
                errors.Add(field, "is required");
            }
            return;
        }
        if (Array.IndexOf(allowed, value) < 0)
        {
            errors.Add(field, $"must be one of: {string.Join(", ", allowed)}{(nullable ? " (or null)" : "")}");
        }
    }

    public static void Range(ValidationErrors errors, string field, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            errors.Add(field, $"must be between {min} and {max}");
        }
    }

    public static void Length(ValidationErrors errors, string field, string? value, int min, int max)
    {
        // null means "not set" and is allowed; required fields are non-nullable in the model.
        if (value is null)
        {
            return;
        }
        if (value.Length < min || value.Length > max)
        {
            errors.Add(field, min > 0 ? $"must be {min} to {max} characters" : $"must be at most {max} characters");
        }
    }

    public static void HttpUrl(ValidationErrors errors, string field, string? value)
    {
        if (value is not null && !Formats.IsHttpUrl(value))
        {
            errors.Add(field, "must be an absolute http or https URL");
        }
    }

    public static void E164(ValidationErrors errors, string field, string? value)
    {
        if (value is not null && !Formats.IsE164(value))
        {
            errors.Add(field, "must be an E.164 phone number such as +15551234567");
        }
    }

    public static void Count<T>(ValidationErrors errors, string field, List<T> items, int max)
    {
        if (items.Count > max)
        {
            errors.Add(field, $"must have at most {max} entries");
        }
    }

    /// <summary>Each entry must be unique; reports the first repeat by index.</summary>
    public static void Unique(ValidationErrors errors, string field, IReadOnlyList<string> items, StringComparer comparer)
    {
        var seen = new HashSet<string>(comparer);
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.Add(items[i]))
            {
                errors.Add($"{field}[{i}]", $"'{items[i]}' appears more than once");
            }
        }
    }
}
