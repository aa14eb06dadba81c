using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using Appliance.Conversation.Reports;
using Appliance.Conversation.Routing;
using Appliance.Service.Hal;
using Appliance.Service.Hosting;
using Appliance.Service.Http;
using Appliance.Service.Telephony;
using Appliance.Service.Web;

namespace Appliance.Service.Endpoints;

/// <summary>
/// /v1/calls: the call log (newest first, searchable) and one call's whole record; /v1/calls/active;
/// /v1/calls/latency, the latency report over the stored records.
/// </summary>
internal static class CallEndpoints
{
    public static RouteGroupBuilder MapCalls(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/calls").WithTags("calls");

        group.MapGet("/", IResult (ConfigurationStore store, int? offset, int? limit, string? search) =>
        {
            if (offset is < 0 || limit is < 1 or > 500)
            {
                var errors = new Configuration.Validation.ValidationErrors();
                errors.Add(offset is < 0 ? "offset" : "limit", offset is < 0 ? "must be 0 or more" : "must be 1 to 500");
                return ApiResults.Validation(errors);
            }
            return ApiResults.Json(new JsonObject
            {
                ["calls"] = WireFormat.PublicList(store.ListCallRecords(offset ?? 0, limit ?? 50, search)),
            });
        });

        group.MapPost("/", async Task<IResult> (HttpRequest request, ConfigurationStore store, SipHost sip, AnalogCallHandler analog, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request, ct);
            if (error is not null)
            {
                return error;
            }
            var parsed = OutboundCallRequest.Parse(body!, store);
            if (parsed.Errors is { } errors)
            {
                return ApiResults.Validation(errors);
            }
            return ApiResults.Guard(() =>
            {
                var record = analog.Carries(parsed.To!, parsed.FromNumber, sip.CanReach(parsed.To!))
                    ? analog.PlaceCall(parsed.Agent!, parsed.To!, parsed.Variables)
                    : sip.PlaceCall(parsed.Agent!, parsed.To!, parsed.FromNumber, parsed.Variables);
                return ApiResults.Json(WireFormat.Public(record), StatusCodes.Status202Accepted);
            });
        });

        group.MapGet("/active", (CallCoordinator calls) => ApiResults.Json(ActiveCalls(calls)));

        group.MapGet("/latency", IResult (HttpRequest request, ConfigurationStore store) =>
        {
            var errors = new ValidationErrors();
            var sinceText = request.Query["since"].ToString().Trim();
            DateTimeOffset? since = null;
            if (sinceText.Length > 0)
            {
                if (DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    since = parsed;
                }
                else
                {
                    errors.Add("since", "must be an ISO 8601 time, e.g. 2026-11-23T09:00:00Z");
                }
            }
            var agentId = request.Query["agent_id"].ToString().Trim();
            if (agentId.Length > 100)
            {
                errors.Add("agent_id", "must be at most 100 characters");
            }
            if (!errors.IsEmpty)
            {
                return ApiResults.Validation(errors);
            }
            // The calls page's filter already walks the newest-first log down to `since`.
            var records = new CallFilter(null, null, null, since, null).Apply(store, int.MaxValue);
            var report = CallLatencyReport.Build(records, since, agentId.Length == 0 ? null : agentId);
            return ApiResults.Json(JsonSerializer.SerializeToNode(report, ReportJsonContext.Default.CallLatencyReport)!);
        });

        group.MapGet("/{id}/recording", IResult (string id, ConfigurationStore store, ApplianceOptions options) =>
        {
            // The file name comes from our own record, never from the request, so no path can escape the folder.
            if (store.GetCallRecord(id) is not { RecordingFile: { } file })
            {
                return ApiResults.NotFound($"a recording of call {id}");
            }
            var path = Path.Combine(options.RecordingsDirectory, Path.GetFileName(file));
            return File.Exists(path) ? TypedResults.PhysicalFile(path, "audio/wav", $"call-{id}.wav") : ApiResults.NotFound($"a recording of call {id}");
        });

        group.MapGet("/{id}", IResult (string id, ConfigurationStore store) =>
            store.GetCallRecord(id) is { } record ? ApiResults.Json(WireFormat.Public(record)) : ApiResults.NotFound($"call {id}"));

        return group;
    }

    /// <summary>The calls in progress and the state of each: /v1/calls/active and the dashboard's live events.</summary>
    public static JsonObject ActiveCalls(CallCoordinator calls)
    {
        var list = new JsonArray();
        foreach (var session in calls.ActiveCalls)
        {
            list.Add((JsonNode)new JsonObject
            {
                ["id"] = session.Record.Id,
                ["agent_name"] = session.Record.AgentName,
                ["caller_number"] = session.Record.CallerNumber,
                ["state"] = session.State.ToString().ToLowerInvariant(),
                ["started_at"] = session.Record.StartedAt.ToString("O"),
            });
        }
        return new JsonObject { ["calls"] = list };
    }
}
