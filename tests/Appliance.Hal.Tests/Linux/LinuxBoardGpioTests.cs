using System.Device.Gpio;
using Appliance.Hal.Board;
using Appliance.Hal.Leds;
using Appliance.Hal.Line;
using Appliance.Hal.Linux;
using Appliance.Hal.Ring;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Hal.Tests.Linux;

/// <summary>The GPIO side of the real board, exercised through a driver below GpioController (no GPIO on CI).</summary>
public sealed class LinuxBoardGpioTests : IDisposable
{
    // rev-b wiring: hook 17, ring 27 (active low, 5 ms), loop 22 (10 ms), LEDs 5..21, fault 21 active low.
    private readonly BoardProfile _profile = BoardProfileLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "boards", "appliance-rev-b.json"));
    private readonly FakeTimeProvider _time = new();
    private readonly FakeGpioDriver _driver = new();
    private readonly LinuxBoard _board;

    public LinuxBoardGpioTests()
    {
        _driver.SetInput(27, PinValue.High); // ring detector idle (active low)
        _board = new LinuxBoard(_profile, new GpioController(_driver), new NullCodec(), _time);
    }

    public void Dispose() => _board.Dispose();

    [Fact]
    public void Starts_on_hook_with_leds_off_respecting_polarity()
    {
        Assert.Equal(PinValue.Low, _driver.Level(17));
        Assert.Equal(PinValue.Low, _driver.Level(5));
        Assert.Equal(PinValue.High, _driver.Level(21)); // active-low fault LED off = high
        Assert.True(_driver.IsOpen(27) && _driver.IsOpen(22));
    }

    [Fact]
    public void Hook_relay_follows_commands()
    {
        _board.Hook.SetHook(HookState.OffHook);
        Assert.Equal(PinValue.High, _driver.Level(17));
        _board.Hook.SetHook(HookState.OnHook);
        Assert.Equal(PinValue.Low, _driver.Level(17));
    }

    [Fact]
    public void Led_patterns_blink_on_the_pins_by_timer()
    {
        _board.Leds.SetPattern(LedId.Fault, LedPattern.SlowBlink);
        int lowCount = 0;
        for (int i = 0; i < 40; i++)
        {
            _time.Advance(LedPatternEngine.Tick);
            lowCount += _driver.Level(21) == PinValue.Low ? 1 : 0;
        }

        Assert.Equal(20, lowCount); // lit (low) half of two seconds
    }

    [Fact]
    public void Ring_pulses_at_20_Hz_become_one_envelope_with_accurate_edges()
    {
        var edges = new List<RingEdge>();
        _board.Ring.Edge += edges.Add;
        var start = _time.GetUtcNow();
        for (int i = 0; i < 40; i++) // 2 s of 20 Hz pulses, active low
        {
            _driver.SetInput(27, PinValue.Low);
            _time.Advance(TimeSpan.FromMilliseconds(25));
            _driver.SetInput(27, PinValue.High);
            _time.Advance(TimeSpan.FromMilliseconds(25));
        }

        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(2, edges.Count);
        Assert.Equal(new RingEdge(true, start), edges[0]);
        Assert.Equal(new RingEdge(false, start + TimeSpan.FromMilliseconds(1975)), edges[1]);
    }

    [Fact]
    public void Loop_current_is_debounced()
    {
        var changes = new List<bool>();
        _board.LoopCurrent.Changed += (present, _) => changes.Add(present);
        _driver.SetInput(22, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(3));
        _driver.SetInput(22, PinValue.Low);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Empty(changes);
        _driver.SetInput(22, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal([true], changes);
        Assert.True(_board.LoopCurrent.IsPresent);
    }

    [Fact]
    public void Analog_line_answers_a_call_through_the_gpio_pins()
    {
        using var line = new AnalogLine(_board, new AnalogLineOptions { Cadence = RingCadenceProfile.DE, AnswerAfterRings = 1 }, _time);
        var events = new List<string>();
        line.Answered += (_, _) => events.Add("answered");
        for (int i = 0; i < 20; i++) // one 1 s German ring
        {
            _driver.SetInput(27, PinValue.Low);
            _time.Advance(TimeSpan.FromMilliseconds(25));
            _driver.SetInput(27, PinValue.High);
            _time.Advance(TimeSpan.FromMilliseconds(25));
        }

        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(PinValue.High, _driver.Level(17)); // relay closed
        _driver.SetInput(22, PinValue.High);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(["answered"], events);
        line.HangUp();
        Assert.Equal(PinValue.Low, _driver.Level(17));
    }

    private sealed class NullCodec : IAudioCodec
    {
        public int SampleRate => 8000;

        public int FrameSamples => 160;

        public long XrunCount => 0;

        public void ReadFrame(Span<short> frame) => frame.Clear();

        public void WriteFrame(ReadOnlySpan<short> frame)
        {
        }
    }
}
