using System.Globalization;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;

namespace Appliance.Service.Web;

/// <summary>
/// The calls page's filter: caller (part of the number), agent (name), status, and a date range
/// (from/to as yyyy-MM-dd, whole days in UTC, or full ISO 8601 instants). Parsed from the query
/// string with an error per field, applied to the store's newest-first log.
/// </summary>
internal sealed record CallFilter(string? Caller, string? Agent, string? Status, DateTimeOffset? From, DateTimeOffset? To)
{
    public static CallFilter Parse(IQueryCollection query, ValidationErrors errors)
    {
        var caller = Text(query, "caller", errors);
        var agent = Text(query, "agent", errors);
        var status = Text(query, "status", errors);
        if (status is not null && !CallStatuses.All.Contains(status))
        {
            errors.Add("status", "must be one of " + string.Join(", ", CallStatuses.All));
        }
        var from = Date(query, "from", endOfDay: false, errors);
        var to = Date(query, "to", endOfDay: true, errors);
        if (from > to)
        {
            errors.Add("to", "must not be before from");
        }
        return new CallFilter(caller, agent, status, from, to);
    }

    /// <summary>Newest first, at most <paramref name="limit"/> matching calls.</summary>
    public List<CallRecord> Apply(ConfigurationStore store, int limit)
    {
        var result = new List<CallRecord>();
        const int page = 200;
        for (var skip = 0; result.Count < limit; skip += page)
        {
            // The store's own search narrows by caller; the rest is checked here.
            var batch = store.ListCallRecords(skip, page, Caller);
            foreach (var call in batch)
            {
                if (From is { } from && call.StartedAt < from)
                {
                    return result; // newest first: everything after this is older still
                }
                if (Matches(call) && result.Count < limit)
                {
                    result.Add(call);
                }
            }
            if (batch.Count < page)
            {
                break;
            }
        }
        return result;
    }

    private bool Matches(CallRecord call) =>
        (Caller is null || (call.CallerNumber?.Contains(Caller, StringComparison.OrdinalIgnoreCase) ?? false))
        && (Agent is null || string.Equals(call.AgentName, Agent, StringComparison.OrdinalIgnoreCase))
        && (Status is null || call.Status == Status)
        && (To is not { } to || call.StartedAt <= to);

    private static string? Text(IQueryCollection query, string name, ValidationErrors errors)
    {
        var value = query[name].ToString().Trim();
        if (value.Length > 100)
        {
            errors.Add(name, "must be at most 100 characters");
            return null;
        }
        return value.Length == 0 ? null : value;
    }

    private static DateTimeOffset? Date(IQueryCollection query, string name, bool endOfDay, ValidationErrors errors)
    {
        var value = query[name].ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }
        errors.Add(name, "must be a date (yyyy-MM-dd) or an ISO 8601 time");
        return null;
    }
}
