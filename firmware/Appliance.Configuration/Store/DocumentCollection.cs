
using System.Text.Json.Serialization.Metadata;
using LiteDB;

namespace Appliance.Configuration.Store;

/// <summary>
/// A LiteDB collection of one entity type. Entities go through System.Text.Json source generation
/// into LiteDB's BsonDocument API, never through BsonMapper's reflection (which breaks under AOT).
/// </summary>
internal sealed class DocumentCollection<T>(ILiteCollection<BsonDocument> collection, JsonTypeInfo<T> typeInfo, Func<T, string> idOf)
    where T : class
{
    public ILiteCollection<BsonDocument> Raw => collection;

    public BsonDocument ToDocument(T entity, Action<BsonDocument>? decorate = null)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(entity, typeInfo);
        var doc = LiteDB.JsonSerializer.Deserialize(json).AsDocument;
        doc["_id"] = idOf(entity);
        decorate?.Invoke(doc);
        return doc;
    }

    public T FromDocument(BsonDocument doc) =>
        System.Text.Json.JsonSerializer.Deserialize(LiteDB.JsonSerializer.Serialize(doc), typeInfo)
        ?? throw new InvalidDataException($"stored {typeof(T).Name} {doc["_id"]} is empty");

    public T? FindById(string id)
    {
        var doc = collection.FindById(id);
        return doc is null ? null : FromDocument(doc);
    }

    public T? FindOne(BsonExpression predicate)
    {
        var doc = collection.FindOne(predicate);
        return doc is null ? null : FromDocument(doc);
    }

    public List<T> Find(BsonExpression predicate)
    {
        var result = new List<T>();
        foreach (var doc in collection.Find(predicate))
        {
            result.Add(FromDocument(doc));
        }
        return result;
    }

    public List<T> FindAll(int skip = 0, int limit = int.MaxValue)
    {
        var result = new List<T>();
        foreach (var doc in collection.Find(Query.All(), skip, limit))
        {
            result.Add(FromDocument(doc));
        }
        return result;
    }

    public void Upsert(T entity, Action<BsonDocument>? decorate = null) => collection.Upsert(ToDocument(entity, decorate));

    public bool Delete(string id) => collection.Delete(id);
}
