using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Appliance.Conversation.Routing;
using Appliance.Service.Endpoints;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// /web/events: server-sent events for the dashboard. "calls": the active calls with their state
/// and audio levels, sampled twice a second and sent when they change (a heartbeat every 15 s);
/// "status": the system panels (<see cref="SystemStatus"/>) every 2 s.
/// </summary>
internal static class WebEvents
{
    private static readonly TimeSpan Sample = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StatusPeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static RouteHandlerBuilder MapWebEvents(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/web/events", IResult (HttpContext context, WebSessions sessions, CallCoordinator calls, SystemStatus status, TimeProvider time, IHostApplicationLifetime lifetime) =>
            sessions.Find(context) is not { } session
                ? ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "log in first")
                : TypedResults.ServerSentEvents(Events(calls, status, () => sessions.IsLive(session), time, context.RequestAborted, lifetime.ApplicationStopping)));

    // The stream ends when the session does (logout, expiry) and when the service stops: an open
    // dashboard must neither outlive its login nor hold shutdown for 30 s.
    private static async IAsyncEnumerable<SseItem<string>> Events(CallCoordinator calls, SystemStatus status, Func<bool> sessionLive, TimeProvider time,
        CancellationToken requestAborted, CancellationToken stopping, [EnumeratorCancellation] CancellationToken enumeration = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping, enumeration);
        var ct = linked.Token;
        string? last = null;
        var lastSent = time.GetUtcNow();
        DateTimeOffset? lastStatus = null;
        while (!ct.IsCancellationRequested && sessionLive())
        {
            var snapshot = Snapshot(calls);
            var now = time.GetUtcNow();
            if (snapshot != last || now - lastSent >= Heartbeat)
            {
                last = snapshot;
                lastSent = now;
                yield return new SseItem<string>(snapshot, "calls");
            }
            if (lastStatus is not { } sent || now - sent >= StatusPeriod)
            {
                lastStatus = now;
                yield return new SseItem<string>(status.Snapshot().ToJsonString(), "status");
            }
            try
            {
                await Task.Delay(Sample, time, ct);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    /// <summary>The active-calls JSON of /v1/calls/active plus each call's caller and agent levels (whole dBFS).</summary>
    private static string Snapshot(CallCoordinator calls)
    {
        var json = CallEndpoints.ActiveCalls(calls);
        var sessions = calls.ActiveCalls;
        foreach (var node in json["calls"]!.AsArray())
        {
            var call = node!.AsObject();
            foreach (var session in sessions)
            {
                if (session.Record.Id == (string?)call["id"])
                {
                    call["input_level_db"] = Math.Round(session.InputLevelDb);
                    call["output_level_db"] = Math.Round(session.OutputLevelDb);
                }
            }
        }
        return json.ToJsonString();
    }
}
