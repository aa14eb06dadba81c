using System.Text.Json;
using Appliance.Hal.Leds;
using Appliance.Hal.Simulated;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Hal.Tests.Line;

public class SimulatedBoardTestModeTests
{
    [Fact]
    public void Ring_request_from_json_rings_and_the_snapshot_shows_it_as_json()
    {
        var time = new FakeTimeProvider();
        using var board = new SimulatedBoard(time);
        var request = JsonSerializer.Deserialize("""{"callerNumber":"5551234","callerId":"dtmf","country":"DE","maxRings":1}""", SimulatedBoardJsonContext.Default.SimulatedRingRequest)!;
        board.StartCall(request);
        board.Leds.SetPattern(LedId.Ringing, LedPattern.FastBlink);
        time.Advance(TimeSpan.FromSeconds(2)); // 1.56 s of DTMF caller ID first, then the 1 s ring

        var snapshot = board.Snapshot();
        Assert.True(snapshot.Ringing);
        Assert.True(snapshot.CaptureSamplesPending > 0);
        Assert.Equal(LedPattern.FastBlink, snapshot.Leds[LedId.Ringing]);
        string json = JsonSerializer.Serialize(snapshot, SimulatedBoardJsonContext.Default.SimulatedBoardSnapshot);
        Assert.Contains("\"hook\":\"OnHook\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Ringing\":\"FastBlink\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"callerNumber":"555-1234"}""")]
    [InlineData("""{"callerName":"A NAME LONGER THAN FIFTEEN"}""")]
    [InlineData("""{"maxRings":0}""")]
    [InlineData("""{"country":"XX"}""")]
    public void Bad_ring_requests_are_rejected(string json)
    {
        using var board = new SimulatedBoard(new FakeTimeProvider());
        var request = JsonSerializer.Deserialize(json, SimulatedBoardJsonContext.Default.SimulatedRingRequest)!;
        Assert.Throws<ArgumentException>(() => board.StartCall(request));
        Assert.False(board.Exchange.IsRinging);
    }
}
