using System.Text.Json.Nodes;

namespace Appliance.Configuration.Validation;

/// <summary>
/// Seed 004 integrations: known providers must keep their required fields; unknown providers are
/// stored as they are.
/// </summary>
internal static class IntegrationValidator
{
    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["twilio"] = ["accountSid", "authToken", "fromNumber"],
        ["modmed"] = ["firm_url_prefix", "username", "password", "environment"],
        ["googleCalendar"] = ["access_token", "expires_at"],
        ["outlookCalendar"] = ["access_token", "expires_at"],
        ["netsapiens"] = ["url", "username", "password", "domain", "client_id", "client_secret", "extension", "access_token"],
    };

    private static readonly string[] ModmedEnvironments = ["sandbox", "practice_sandbox", "production"];
    private static readonly string[] NetsapiensVersions = ["v1", "v2"];

    public static void Validate(Dictionary<string, JsonObject?> integrations, ValidationErrors e)
    {
        foreach (var (provider, config) in integrations)
        {
            if (config is null)
            {
                continue;
            }
            if (Required.TryGetValue(provider, out var fields))
            {
                foreach (var field in fields)
                {
                    if (config[field] is null)
                    {
                        e.Add($"integrations.{provider}.{field}", "is required for this provider");
                    }
                }
            }
            if (provider == "modmed")
            {
                CheckEnum(config, "environment", ModmedEnvironments, $"integrations.{provider}.environment", e);
            }
            if (provider == "netsapiens")
            {
                CheckEnum(config, "api_version", NetsapiensVersions, $"integrations.{provider}.api_version", e);
            }
        }
    }

    private static void CheckEnum(JsonObject config, string key, string[] allowed, string path, ValidationErrors e)
    {
        if (config[key] is JsonValue value)
        {
            Check.OneOf(e, path, value.TryGetValue<string>(out var s) ? s : "", allowed);
        }
    }
}
