using System.Text.Json.Nodes;
using Appliance.Configuration.Json;
using Appliance.Configuration.Secrets;
using Appliance.Configuration.Validation;

namespace Appliance.Configuration.Patching;

/// <summary>Field rules of one entity type: which fields clients may not write, which are replaced whole.</summary>
public sealed record EntityRules(IReadOnlySet<string> ReadOnly, IReadOnlySet<string> ReplaceWhole)
{
    /// <summary>Rules of an entity whose only read-only fields are the ones the store manages.</summary>
    public static readonly EntityRules StoreManagedOnly = new(
        new HashSet<string>(StringComparer.Ordinal) { "id", "project", "created_at", "updated_at", "schema_version" },
        new HashSet<string>(StringComparer.Ordinal));
}

/// <summary>Builds an entity from a create request, or applies an update request to a stored entity.</summary>
public static class EntityPatcher
{
    public static T Create<T>(JsonObject body, EntityRules rules, ValidationErrors errors) where T : class, new()
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(SecretRedactor.SecretsSetField);
        foreach (var field in rules.ReadOnly)
        {
            if (copy.ContainsKey(field))
            {
                errors.Add(field, "is read-only");
            }
        }
        return errors.IsEmpty ? JsonInput.Deserialize<T>(copy, errors) : new T();
    }

    /// <summary>
    /// Only the fields sent change. Read-only fields may be sent back unchanged (a GET → PUT round
    /// trip) but not changed.
    /// </summary>
    public static T Update<T>(T stored, JsonObject patch, EntityRules rules, ValidationErrors errors) where T : class, new()
    {
        var storedJson = JsonInput.ToJson(stored);
        var changes = patch.DeepClone().AsObject();
        changes.Remove(SecretRedactor.SecretsSetField);
        UnknownFields.Check(changes, JsonInput.Info<T>(), errors);
        foreach (var field in rules.ReadOnly)
        {
            if (changes[field] is { } sent || changes.ContainsKey(field))
            {
                if (!JsonNode.DeepEquals(changes[field], storedJson[field]) && !SameInstant(changes[field], storedJson[field]))
                {
                    errors.Add(field, "is read-only");
                }
                changes.Remove(field);
            }
        }
        if (!errors.IsEmpty)
        {
            return stored;
        }
        JsonMerge.ApplyTopLevel(storedJson, changes, rules.ReplaceWhole);
        return JsonInput.Deserialize<T>(storedJson, errors);
    }

    // A timestamp echoed back may differ in formatting (offset spelling, trailing zeros).
    private static bool SameInstant(JsonNode? a, JsonNode? b) =>
        a is JsonValue va && b is JsonValue vb
        && va.TryGetValue<string>(out var sa) && vb.TryGetValue<string>(out var sb)
        && DateTimeOffset.TryParse(sa, System.Globalization.CultureInfo.InvariantCulture, out var da)
        && DateTimeOffset.TryParse(sb, System.Globalization.CultureInfo.InvariantCulture, out var db)
        && da == db;
}
