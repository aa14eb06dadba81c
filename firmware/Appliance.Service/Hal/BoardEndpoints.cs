using System.Text.Json.Nodes;
using Appliance.Hal.Leds;
using Appliance.Service.Http;

namespace Appliance.Service.Hal;

/// <summary>GET /v1/system/board: the board, the analog line and the LEDs now (for the dashboard).</summary>
internal static class BoardEndpoints
{
    public static void MapBoard(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/system/board", (BoardHost host) => ApiResults.Json(Status(host))).WithTags("system");
    }

    public static JsonObject Status(BoardHost host)
    {
        if (host.Board is not { } board || host.Line is not { } line || host.Pump is not { } pump)
        {
            return new JsonObject { ["board"] = null, ["simulated"] = false, ["line_state"] = "absent" };
        }
        var leds = new JsonObject();
        foreach (var led in Enum.GetValues<LedId>())
        {
            leds[Snake(led.ToString())] = Snake(board.Leds.GetPattern(led).ToString());
        }
        return new JsonObject
        {
            ["board"] = board.Info.Name,
            ["simulated"] = board.Info.IsSimulated,
            ["codec_chip"] = board.Info.CodecChip,
            ["country"] = host.Country,
            ["line_state"] = Snake(line.State.ToString()),
            ["hook"] = board.Hook.State == Appliance.Hal.HookState.OffHook ? "off_hook" : "on_hook",
            ["loop_current"] = board.LoopCurrent.IsPresent,
            ["ringing"] = board.Ring.IsRinging,
            ["leds"] = leds,
            ["counters"] = new JsonObject
            {
                ["xruns"] = board.Audio.XrunCount,
                ["capture_overruns"] = pump.CaptureOverruns,
                ["playback_overruns"] = pump.PlaybackOverruns,
                ["frames_played"] = pump.FramesPlayed,
            },
        };
    }

    /// <summary>"AgentSpeaking" → "agent_speaking", as the rest of the API spells values.</summary>
    public static string Snake(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
