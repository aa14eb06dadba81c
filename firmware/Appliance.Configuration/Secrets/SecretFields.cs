namespace Appliance.Configuration.Secrets;

/// <summary>
/// Which JSON fields hold secrets. One rule for every entity, provider and dialect: a field is
/// secret by its name (password, token, secret, api key...), and every value of a header map is.
/// </summary>
public static class SecretFields
{
    private static readonly string[] ExactNames = ["tokens", "credentials_json", "private_key"];
    private static readonly string[] Suffixes = ["password", "secret", "token", "api_key", "apikey"];

    /// <summary>Objects whose every value is a secret (HTTP header maps).</summary>
    public static readonly string[] HeaderMaps = ["headers"];

    /// <summary>Arrays of {key, value} whose value is a secret.</summary>
    public const string HeaderList = "auth_headers";

    public static bool IsSecretName(string name)
    {
        var lower = name.ToLowerInvariant();
        if (Array.IndexOf(ExactNames, lower) >= 0)
        {
            return true;
        }
        foreach (var suffix in Suffixes)
        {
            if (lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
