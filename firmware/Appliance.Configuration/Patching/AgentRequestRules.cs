using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Validation;

namespace Appliance.Configuration.Patching;

/// <summary>Agent-specific request rules: deprecated Phonic fields and seed 004's Google Place cache.</summary>
public static class AgentRequestRules
{
    public static readonly EntityRules Rules = new(
        new HashSet<string>(StringComparer.Ordinal)
        {
            "id", "project", "created_at", "updated_at", "schema_version",
            "google_place_data", "google_place_context", "google_place_fetched_at",
        },
        new HashSet<string>(StringComparer.Ordinal) { "extensions" });

    /// <summary>
    /// Maps Phonic's deprecated fields onto their replacements, unless the request also sends the
    /// replacement (which then wins): languages → default_language + additional_languages,
    /// custom_phone_number → custom_phone_numbers with phone_number "custom".
    /// </summary>
    public static void MapDeprecated(JsonObject body, ValidationErrors errors)
    {
        if (body.TryGetPropertyValue("languages", out var languages))
        {
            body.Remove("languages");
            if (languages is not JsonArray list || list.Any(l => l is not JsonValue v || !v.TryGetValue<string>(out _)))
            {
                errors.Add("languages", "must be an array of ISO 639-1 language codes");
            }
            else if (list.Count > 0)
            {
                if (!body.ContainsKey("default_language"))
                {
                    body["default_language"] = list[0]!.DeepClone();
                }
                if (!body.ContainsKey("additional_languages"))
                {
                    body["additional_languages"] = new JsonArray([.. list.Skip(1).Select(l => l!.DeepClone())]);
                }
            }
        }
        if (body.TryGetPropertyValue("custom_phone_number", out var single))
        {
            body.Remove("custom_phone_number");
            if (single is null)
            {
                return;
            }
            if (single is not JsonValue value || !value.TryGetValue<string>(out _))
            {
                errors.Add("custom_phone_number", "must be an E.164 phone number or null");
                return;
            }
            if (!body.ContainsKey("custom_phone_numbers"))
            {
                body["custom_phone_numbers"] = new JsonArray(single.DeepClone());
            }
            if (!body.ContainsKey("phone_number"))
            {
                body["phone_number"] = PhoneNumberModes.Custom;
            }
        }
    }

    /// <summary>
    /// Changing or clearing google_place_id clears the cached listing, so details of a previously
    /// linked business are never served; re-sending the stored id keeps the cache.
    /// </summary>
    public static void AfterUpdate(Agent before, Agent after, ValidationErrors errors)
    {
        if (after.GooglePlaceId == "")
        {
            after.GooglePlaceId = null;
        }
        if (after.GooglePlaceId != before.GooglePlaceId)
        {
            after.GooglePlaceData = null;
            after.GooglePlaceContext = null;
            after.GooglePlaceFetchedAt = null;
        }
        if (before.Provider is not null && after.Provider != before.Provider)
        {
            errors.Add("provider", "cannot be changed after creation");
        }
    }
}
