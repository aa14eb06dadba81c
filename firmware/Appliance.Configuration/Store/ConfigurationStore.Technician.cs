using Appliance.Configuration.Model;
using LiteDB;

namespace Appliance.Configuration.Store;

public sealed partial class ConfigurationStore
{
    // One document in its own collection; written through the BsonDocument API (no mapper, AOT-safe).
    private const string TechnicianCollection = "technician";
    private const string TechnicianId = "web_password";

    /// <summary>The stored technician password hash, or null before first-run setup.</summary>
    public TechnicianCredential? GetTechnicianCredential()
    {
        var doc = _db.GetCollection(TechnicianCollection).FindById(TechnicianId);
        if (doc is null)
        {
            return null;
        }
        return new TechnicianCredential(
            doc["algorithm"].AsString,
            doc["iterations"].AsInt32,
            doc["salt"].AsBinary,
            doc["hash"].AsBinary,
            new DateTimeOffset(doc["set_at"].AsDateTime.ToUniversalTime(), TimeSpan.Zero));
    }

    /// <summary>
    /// Stores the hash. With <paramref name="onlyIfUnset"/> it is first-run setup: it returns false
    /// and changes nothing when a password already exists, so two racing setups cannot both win.
    /// </summary>
    public bool SetTechnicianCredential(TechnicianCredential credential, bool onlyIfUnset)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Write(() =>
        {
            var collection = _db.GetCollection(TechnicianCollection);
            if (onlyIfUnset && collection.FindById(TechnicianId) is not null)
            {
                return false;
            }
            collection.Upsert(new BsonDocument
            {
                ["_id"] = TechnicianId,
                ["algorithm"] = credential.Algorithm,
                ["iterations"] = credential.Iterations,
                ["salt"] = credential.Salt,
                ["hash"] = credential.Hash,
                ["set_at"] = credential.SetAt.UtcDateTime,
            });
            return true;
        });
    }
}
