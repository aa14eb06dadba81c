using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// /web/api/calls: the call log filtered by caller, agent, status and date range (the calls page),
/// and the same list exported as CSV (one row per call) or JSON (the API's call records).
/// </summary>
internal static class WebCallExport
{
    public const int PageLimit = 200;
    public const int ExportLimit = 10_000;

    private static readonly string[] Columns =
    [
        "id", "started_at", "ended_at", "duration_s", "direction", "caller_number", "called_number", "agent_name",
        "status", "end_reason", "turns", "mean_response_ms", "packets_received", "packets_lost", "jitter_ms", "mos", "summary",
    ];

    public static void MapCallExport(this RouteGroupBuilder api)
    {
        api.MapGet("/calls", IResult (HttpRequest request, ConfigurationStore store) =>
        {
            var errors = new ValidationErrors();
            var filter = CallFilter.Parse(request.Query, errors);
            return errors.IsEmpty
                ? ApiResults.Json(new JsonObject { ["calls"] = WireFormat.PublicList(filter.Apply(store, PageLimit)) })
                : ApiResults.Validation(errors);
        });

        api.MapGet("/calls/export", IResult (HttpRequest request, ConfigurationStore store, TimeProvider time) =>
        {
            var errors = new ValidationErrors();
            var filter = CallFilter.Parse(request.Query, errors);
            var format = request.Query["format"].ToString();
            if (format is not ("csv" or "json"))
            {
                errors.Add("format", "must be csv or json");
            }
            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors);
            }
            var calls = filter.Apply(store, ExportLimit);
            var name = $"calls-{time.GetUtcNow():yyyyMMdd-HHmmss}.{format}";
            return format == "csv"
                ? Results.File(Encoding.UTF8.GetBytes(Csv(calls)), "text/csv; charset=utf-8", name)
                : Results.File(Encoding.UTF8.GetBytes(WireFormat.PublicList(calls).ToJsonString()), "application/json", name);
        });
    }

    public static string Csv(IEnumerable<CallRecord> calls)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var call in calls)
        {
            var latencies = call.Turns.Where(t => t.ResponseLatencyMs is not null).Select(t => t.ResponseLatencyMs!.Value).ToList();
            string?[] cells =
            [
                call.Id, call.StartedAt.ToString("O"), call.EndedAt?.ToString("O"),
                call.EndedAt is { } end ? Number((end - call.StartedAt).TotalSeconds) : null,
                call.Direction, call.CallerNumber, call.CalledNumber, call.AgentName, call.Status, call.EndReason,
                call.Turns.Count.ToString(CultureInfo.InvariantCulture),
                latencies.Count > 0 ? Number(latencies.Average()) : null,
                call.Quality?.PacketsReceived.ToString(CultureInfo.InvariantCulture), call.Quality?.PacketsLost.ToString(CultureInfo.InvariantCulture),
                call.Quality is { } q ? Number(q.JitterMs) : null, call.Quality is { } m ? Number(m.Mos) : null, call.Summary,
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Number(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula
    /// (=, @, +, - not starting a plain number such as +15551230001).
    /// </summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var risky = value[0] is '=' or '@' or '\t' or '\r'
            || (value[0] is '+' or '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (risky)
        {
            value = "'" + value;
        }
        return value.IndexOfAny(['"', ',', '\r', '\n']) >= 0 || risky ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
