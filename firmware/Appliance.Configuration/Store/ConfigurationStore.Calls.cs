using Appliance.Configuration.Model;
using LiteDB;

namespace Appliance.Configuration.Store;

public sealed partial class ConfigurationStore
{
    /// <summary>Inserts or replaces a call record (the session saves as the call goes, so a crash keeps the start).</summary>
    public void SaveCallRecord(CallRecord record)
    {
        if (string.IsNullOrEmpty(record.Id))
        {
            record.Id = NewId();
        }
        lock (_writeLock)
        {
            _calls.Upsert(record);
        }
    }

    public CallRecord? GetCallRecord(string id) => _calls.FindById(id);

    /// <summary>Newest first; <paramref name="search"/> matches caller, called number or agent name.</summary>
    public IReadOnlyList<CallRecord> ListCallRecords(int skip = 0, int limit = 50, string? search = null)
    {
        var query = _calls.Raw.Query();
        if (search is { Length: > 0 })
        {
            query = query.Where(Query.Or(
                Query.Contains("caller_number", search), Query.Contains("called_number", search), Query.Contains("agent_name", search)));
        }
        var result = new List<CallRecord>();
        // started_at is ISO 8601 in UTC, so its text order is time order.
        foreach (var doc in query.OrderByDescending("$.started_at").Skip(skip).Limit(limit).ToEnumerable())
        {
            result.Add(_calls.FromDocument(doc));
        }
        return result;
    }

    /// <summary>Keeps at most <paramref name="maxRecords"/> records, none older than <paramref name="maxAge"/>.</summary>
    public int PruneCallRecords(int maxRecords, TimeSpan maxAge)
    {
        lock (_writeLock)
        {
            var cutoff = (Now - maxAge).ToString("O");
            var removed = 0;
            var index = 0;
            var doomed = new List<string>();
            foreach (var doc in _calls.Raw.Query().OrderByDescending("$.started_at").ToEnumerable())
            {
                if (index++ >= maxRecords || string.CompareOrdinal(doc["started_at"].AsString, cutoff) < 0)
                {
                    doomed.Add(doc["_id"].AsString);
                }
            }
            foreach (var id in doomed)
            {
                removed += _calls.Delete(id) ? 1 : 0;
            }
            return removed;
        }
    }
}
