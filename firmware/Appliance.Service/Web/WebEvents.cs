using System.Runtime.CompilerServices;
using Appliance.Conversation.Routing;
using Appliance.Service.Endpoints;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// /web/events: server-sent events for the dashboard. The active calls are sampled every second
/// and sent when they change (a call starts, ends or changes state), with a heartbeat every 15 s.
/// </summary>
internal static class WebEvents
{
    private static readonly TimeSpan Sample = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static RouteHandlerBuilder MapWebEvents(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/web/events", IResult (HttpContext context, WebSessions sessions, CallCoordinator calls, TimeProvider time, IHostApplicationLifetime lifetime) =>
            sessions.Find(context) is not { } session
                ? ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "log in first")
                : TypedResults.ServerSentEvents(ActiveCalls(calls, () => sessions.IsLive(session), time, context.RequestAborted, lifetime.ApplicationStopping), "calls"));

    // The stream ends when the session does (logout, expiry) and when the service stops: an open
    // dashboard must neither outlive its login nor hold shutdown for 30 s.
    private static async IAsyncEnumerable<string> ActiveCalls(CallCoordinator calls, Func<bool> sessionLive, TimeProvider time,
        CancellationToken requestAborted, CancellationToken stopping, [EnumeratorCancellation] CancellationToken enumeration = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, stopping, enumeration);
        var ct = linked.Token;
        string? last = null;
        var lastSent = time.GetUtcNow();
        while (!ct.IsCancellationRequested && sessionLive())
        {
            var snapshot = Snapshot(calls);
            if (snapshot != last || time.GetUtcNow() - lastSent >= Heartbeat)
            {
                last = snapshot;
                lastSent = time.GetUtcNow();
                yield return snapshot;
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

    private static string Snapshot(CallCoordinator calls) => CallEndpoints.ActiveCalls(calls).ToJsonString();
}
