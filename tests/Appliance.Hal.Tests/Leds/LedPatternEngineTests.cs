using Appliance.Hal.Leds;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Hal.Tests.Leds;

public class LedPatternEngineTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingDriver _driver = new();

    /// <summary>Samples one LED every tick for one second: a string of '#' (lit) and '.'.</summary>
    private string Sample(LedPatternEngine engine, LedId led)
    {
        var chars = new char[20];
        for (int i = 0; i < chars.Length; i++)
        {
            _time.Advance(LedPatternEngine.Tick);
            chars[i] = engine.IsLit(led) ? '#' : '.';
        }

        return new string(chars);
    }

    private static string Rotated(string s, int by) => s[by..] + s[..by];

    [Theory]
    [InlineData(LedPattern.Off, "....................")]
    [InlineData(LedPattern.On, "####################")]
    [InlineData(LedPattern.SlowBlink, "##########..........")]
    [InlineData(LedPattern.FastBlink, "##..##..##..##..##..")]
    [InlineData(LedPattern.DoubleBlink, "##..##..............")]
    public void Each_pattern_has_its_timing(LedPattern pattern, string expected)
    {
        using var engine = new LedPatternEngine(_driver, _time);
        engine.SetPattern(LedId.Ringing, pattern);
        string seen = Sample(engine, LedId.Ringing);

        // The pattern starts at whatever phase the shared clock is in: compare as a cycle.
        Assert.Contains(seen, Enumerable.Range(0, 20).Select(i => Rotated(expected, i)));
        Assert.Equal(pattern, engine.GetPattern(LedId.Ringing));
    }

    [Fact]
    public void Driver_is_written_only_on_changes()
    {
        using var engine = new LedPatternEngine(_driver, _time);
        _driver.Writes.Clear();
        engine.SetPattern(LedId.Power, LedPattern.On);
        engine.SetPattern(LedId.Fault, LedPattern.SlowBlink);
        for (int i = 0; i < 40; i++)
        {
            _time.Advance(LedPatternEngine.Tick);
        }

        Assert.Single(_driver.Writes, w => w.Led == LedId.Power);
        Assert.Equal(4, _driver.Writes.Count(w => w.Led == LedId.Fault));
        Assert.DoesNotContain(_driver.Writes, w => w.Led == LedId.Cloud);
    }

    [Fact]
    public void Starts_with_every_led_off()
    {
        using var engine = new LedPatternEngine(_driver, _time);
        Assert.Equal(7, _driver.Writes.Count);
        Assert.All(_driver.Writes, w => Assert.False(w.Lit));
    }

    [Fact]
    public void Rejects_unknown_led_or_pattern()
    {
        using var engine = new LedPatternEngine(_driver, _time);
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.SetPattern((LedId)99, LedPattern.On));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.SetPattern(LedId.Power, (LedPattern)42));
    }

    private sealed class RecordingDriver : ILedDriver
    {
        public List<(LedId Led, bool Lit)> Writes { get; } = [];

        public void Write(LedId led, bool lit) => Writes.Add((led, lit));
    }
}
