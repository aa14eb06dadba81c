using System.Text.Json.Nodes;
using Appliance.Service.Hal;
using Appliance.Service.Http;

namespace Appliance.Service.Web;

/// <summary>
/// The diagnostics page's board tests under /web/api/diagnostics (session and CSRF checked by
/// <see cref="WebApi"/>): the LED walk, started by POST and followed by GET.
/// </summary>
internal static class DiagnosticsBoardEndpoints
{
    public static void MapBoardDiagnostics(this RouteGroupBuilder api)
    {
        api.MapPost("/diagnostics/led-walk", IResult (DiagnosticsLedWalk walk) =>
            walk.Start() is { } refused
                ? ApiResults.Problem(StatusCodes.Status409Conflict, "Conflict", refused)
                : ApiResults.Json(WalkState(walk), StatusCodes.Status202Accepted));

        api.MapGet("/diagnostics/led-walk", (DiagnosticsLedWalk walk) => ApiResults.Json(WalkState(walk)));
    }

    private static JsonObject WalkState(DiagnosticsLedWalk walk)
    {
        var order = new JsonArray();
        foreach (var each in DiagnosticsLedWalk.Leds)
        {
            order.Add((JsonNode)BoardEndpoints.Snake(each.ToString()));
        }
        var current = walk.Current;
        return new JsonObject
        {
            ["running"] = current is not null,
            ["lit"] = current is { } led ? BoardEndpoints.Snake(led.ToString()) : null,
            ["order"] = order,
            ["step_ms"] = (int)DiagnosticsLedWalk.StepTime.TotalMilliseconds,
        };
    }
}
