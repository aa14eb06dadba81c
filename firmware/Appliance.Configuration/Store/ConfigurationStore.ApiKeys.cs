using System.Security.Cryptography;
using System.Text;
using Appliance.Configuration.Model;
using Appliance.Configuration.Validation;
using LiteDB;

namespace Appliance.Configuration.Store;

public sealed partial class ConfigurationStore
{
    private const string KeyPrefix = "apk_";

    // last_used_at is refreshed at most this often, so authenticated reads do not each write to flash.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public IReadOnlyList<ApiKey> ListApiKeys() => _apiKeys.FindAll();

    public int CountApiKeys() => _apiKeys.Raw.Count();

    /// <summary>Creates a key; the plain key is returned once and only its hash is kept.</summary>
    public (ApiKey Key, string Secret) CreateApiKey(string name) => Write(() =>
    {
        var errors = new ValidationErrors();
        Check.Length(errors, "name", name, 1, 100);
        ThrowIfAny(errors);
        var secret = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = NewId(),
            Name = name,
            Prefix = secret[..(KeyPrefix.Length + 6)],
            Hash = HashOf(secret),
            CreatedAt = Now,
        };
        _apiKeys.Upsert(key);
        return (key, secret);
    });

    public bool DeleteApiKey(string id) => Write(() => _apiKeys.Delete(id));

    /// <summary>The key a bearer token names, or null. Looks up by hash: the token is never stored.</summary>
    public ApiKey? VerifyApiKey(string token)
    {
        if (!token.StartsWith(KeyPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return null;
        }
        var key = _apiKeys.FindOne(Query.EQ("hash", HashOf(token)));
        if (key is not null && (key.LastUsedAt is null || Now - key.LastUsedAt > LastUsedResolution))
        {
            lock (_writeLock)
            {
                key.LastUsedAt = Now;
                _apiKeys.Upsert(key);
            }
        }
        return key;
    }

    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
