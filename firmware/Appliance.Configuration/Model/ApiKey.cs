namespace Appliance.Configuration.Model;

/// <summary>
/// A bearer API key. Only the SHA-256 of the key is stored: keys are 256-bit random values, so a
/// fast hash resists guessing as well as a slow one would and keeps each request cheap.
/// </summary>
public sealed class ApiKey
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The first characters of the key, shown so a technician can tell keys apart.</summary>
    public string Prefix { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public int SchemaVersion { get; set; } = StoreSchema.CurrentVersion;
}
