using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests;

/// <summary>The LED walk on the simulated board, watched through the dashboard's LED mirror (/v1/system/board) on a fake clock.</summary>
public sealed class DiagnosticsLedWalkTests
{
    private static readonly string[] Order = ["power", "line", "ringing", "in_call", "agent_speaking", "cloud", "fault"];

    [Fact]
    public async Task Each_LED_is_lit_alone_in_turn_then_the_box_state_is_shown_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var box = new WebBox(clock);
        using var session = box.Http();
        var csrf = await session.SetUpAsync(box);
        using var api = box.Api();
        var before = await LedsAsync(api);
        Assert.Equal("on", (string?)before["power"]);

        // Start the walk 10 ms off the board's own 50 ms LED refresh, so on every shared tick the walk writes last.
        clock.Advance(TimeSpan.FromMilliseconds(10));
        var (status, started) = await session.PostJsonAsync("/web/api/diagnostics/led-walk", "{}", csrf);
        Assert.Equal(202, status);
        Assert.Equal(400, (int)started["step_ms"]!);
        Assert.Equal(Order, started["order"]!.AsArray().Select(n => (string)n!));

        var (again, refusal) = await session.PostJsonAsync("/web/api/diagnostics/led-walk", "{}", csrf);
        Assert.Equal(409, again);
        Assert.Contains("already running", (string?)refusal["detail"], StringComparison.Ordinal);

        for (int step = 0; step < Order.Length; step++)
        {
            // Into the middle of the step: the walk has restated its patterns a few times by then.
            clock.Advance(TimeSpan.FromMilliseconds(step == 0 ? 200 : 400));
            var leds = await LedsAsync(api);
            foreach (var led in Order)
            {
                Assert.True((string?)leds[led] == (led == Order[step] ? "on" : "off"), $"step {step} ({Order[step]}): {led} is {leds[led]}");
            }
            var state = (await session.GetObjectAsync("/web/api/diagnostics/led-walk"))!;
            Assert.Equal(Order[step], (string?)state["lit"]);
        }

        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(before.ToJsonString(), (await LedsAsync(api)).ToJsonString());
        var done = (await session.GetObjectAsync("/web/api/diagnostics/led-walk"))!;
        Assert.False((bool)done["running"]!);
        Assert.Null(done["lit"]);
    }

    [Fact]
    public async Task The_walk_needs_the_session_CSRF_token()
    {
        using var box = new WebBox();
        using var session = box.Http();
        await session.SetUpAsync(box);
        var (status, _) = await session.PostJsonAsync("/web/api/diagnostics/led-walk", "{}");
        Assert.Equal(403, status);
        using var api = box.Api();
        Assert.Equal("on", (string?)(await LedsAsync(api))["power"]);
    }

    private static async Task<JsonObject> LedsAsync(HttpClient api) =>
        (JsonObject)(await api.GetObjectAsync("/v1/system/board"))!["leds"]!;
}
