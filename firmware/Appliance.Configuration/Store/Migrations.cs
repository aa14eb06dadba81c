using Appliance.Configuration.Model;
using LiteDB;

namespace Appliance.Configuration.Store;

/// <summary>
/// Forward migrations, applied at open to every document older than StoreSchema.CurrentVersion.
/// Each step lifts a document by one version and must be safe to run on any document of that
/// version. Never edit a released step: add the next one.
/// </summary>
internal static class Migrations
{
    private static readonly Dictionary<string, Action<BsonDocument>[]> Steps = new(StringComparer.Ordinal)
    {
        // v1 → v2: agents kept Phonic's deprecated "languages" list; v2 splits it into
        // default_language + additional_languages.
        [CollectionNames.Agents] = [SplitLanguages],
    };

    public static int MigrateAll(LiteDatabase db)
    {
        var migrated = 0;
        foreach (var name in CollectionNames.All)
        {
            var collection = db.GetCollection(name);
            Steps.TryGetValue(name, out var steps);
            foreach (var doc in collection.Find(Query.LT("schema_version", StoreSchema.CurrentVersion)))
            {
                var version = doc["schema_version"].IsNumber ? doc["schema_version"].AsInt32 : 1;
                for (var v = Math.Max(version, 1); v < StoreSchema.CurrentVersion; v++)
                {
                    if (steps is not null && v - 1 < steps.Length)
                    {
                        steps[v - 1](doc);
                    }
                }
                doc["schema_version"] = StoreSchema.CurrentVersion;
                collection.Update(doc);
                migrated++;
            }
        }
        return migrated;
    }

    private static void SplitLanguages(BsonDocument doc)
    {
        if (!doc.TryGetValue("languages", out var languages) || !languages.IsArray)
        {
            return;
        }
        var list = languages.AsArray;
        if (list.Count > 0)
        {
            doc["default_language"] = list[0].AsString;
            var rest = new BsonArray();
            for (var i = 1; i < list.Count; i++)
            {
                rest.Add(list[i]);
            }
            doc["additional_languages"] = rest;
        }
        doc.Remove("languages");
    }
}

internal static class CollectionNames
{
    public const string Agents = "agents";
    public const string PhoneNumbers = "phone_numbers";
    public const string Connections = "connections";
    public const string ApiKeys = "api_keys";
    public const string Projects = "projects";
    public const string Calls = "calls";
    public static readonly string[] All = [Agents, PhoneNumbers, Connections, ApiKeys, Projects, Calls];
}
