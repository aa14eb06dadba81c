using Appliance.Audio.Tests.TestSignals;
using Appliance.Audio.Tones;

namespace Appliance.Audio.Tests.Tones;

public class TonePlanTests
{
    [Theory]
    [InlineData("us", "US")]
    [InlineData("CA", "US")]
    [InlineData("UK", "GB")]
    [InlineData(" de ", "DE")]
    [InlineData("EU", "EU")]
    public void Countries_map_to_their_plans(string code, string plan) => Assert.Equal(plan, TonePlan.ForCountry(code)!.Country);

    [Fact]
    public void Unknown_countries_have_no_plan() => Assert.Null(TonePlan.ForCountry("ZZ"));

    [Fact]
    public void Every_plan_has_the_four_tones_and_disconnect_tones_have_a_cadence()
    {
        foreach (var plan in TonePlan.All)
        {
            foreach (var kind in new[] { CallProgressTone.Dial, CallProgressTone.Ringback, CallProgressTone.Busy, CallProgressTone.Reorder })
            {
                Assert.Equal(kind, plan[kind].Kind);
            }
            Assert.True(plan[CallProgressTone.Dial].IsContinuous);
            Assert.False(plan[CallProgressTone.Busy].IsContinuous);
        }
    }

    [Fact]
    public void The_generator_plays_the_cadence_at_the_plan_frequencies()
    {
        var busy = TonePlan.US[CallProgressTone.Busy];
        var signal = new short[8000];
        new ToneGenerator(busy, 8000, -16).Fill(signal);

        var on = signal.AsSpan(400, 3200);      // 50..450 ms: on
        var off = signal.AsSpan(4400, 3200);    // 550..950 ms: off
        double expected = 32767 * Math.Pow(10, -16 / 20.0);
        Assert.InRange(Signals.ToneAmplitude(on, 480, 8000), expected * 0.95, expected * 1.05);
        Assert.InRange(Signals.ToneAmplitude(on, 620, 8000), expected * 0.95, expected * 1.05);
        Assert.True(Signals.RmsDbfs(off) < -90);
    }
}
