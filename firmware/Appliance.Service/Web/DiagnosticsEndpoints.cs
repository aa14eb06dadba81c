using System.Text.Json.Nodes;
using Appliance.Configuration.Store;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// The diagnostics page's routes under /web/api (session and CSRF checked by <see cref="WebApi"/>):
/// status (the dashboard panels once, without the event stream), recent logs with filters,
/// configuration backup (no secrets) and restore.
/// </summary>
internal static class DiagnosticsEndpoints
{
    private const int MaxLogLines = 1000;

    public static void MapDiagnostics(this RouteGroupBuilder api)
    {
        api.MapGet("/status", (SystemStatus status) => ApiResults.Json(status.Snapshot()));

        api.MapGet("/logs", IResult (HttpRequest request, RingLoggerProvider logs) =>
        {
            var query = request.Query;
            var errors = new Appliance.Configuration.Validation.ValidationErrors();
            var minimum = LogLevel.Trace;
            if (query["level"] is { Count: > 0 } level && !Enum.TryParse(level.ToString(), ignoreCase: true, out minimum))
            {
                errors.Add("level", "must be one of trace, debug, information, warning, error, critical");
            }
            var limit = 200;
            if (query["limit"] is { Count: > 0 } l && (!int.TryParse(l.ToString(), out limit) || limit is < 1 or > MaxLogLines))
            {
                errors.Add("limit", $"must be a whole number from 1 to {MaxLogLines}");
            }
            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors);
            }
            var entries = new JsonArray();
            foreach (var entry in logs.Find(minimum, Filter(query["category"]), Filter(query["text"]), limit))
            {
                entries.Add((JsonNode)new JsonObject
                {
                    ["at"] = entry.At.ToString("O"),
                    ["level"] = entry.Level.ToString().ToLowerInvariant(),
                    ["category"] = entry.Category,
                    ["message"] = entry.Message,
                    ["exception"] = entry.Exception,
                });
            }
            return ApiResults.Json(new JsonObject { ["entries"] = entries });
        });

        api.MapGet("/backup", (HttpContext context, ConfigurationStore store, TimeProvider time) =>
        {
            var now = time.GetUtcNow();
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"appliance-backup-{now:yyyyMMdd-HHmmss}.json\"";
            return ApiResults.Json(ConfigurationBackup.Export(store, now));
        });

        api.MapPost("/restore", async Task<IResult> (HttpRequest request, ConfigurationStore store, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            return error ?? ApiResults.Guard(() => ApiResults.Json(ConfigurationBackup.Restore(store, body!)));
        });
    }

    private static string? Filter(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString() is { Length: > 0 and <= 200 } text ? text : null;
}
