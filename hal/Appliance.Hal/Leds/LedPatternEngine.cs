namespace Appliance.Hal.Leds;

/// <summary>
/// Drives every LED's pattern from one 50 ms timer, so callers only state what an LED means and
/// never time blinks themselves. All LEDs share one phase, so they blink in step.
/// </summary>
/// <remarks>
/// Patterns are 20-step (one second) bit masks: bit i set means lit during tick i.
/// Only the timer writes to the driver, so a pattern change and a tick can never interleave
/// their writes; a change shows within one tick. Writes happen only when a level changes.
/// </remarks>
public sealed class LedPatternEngine : ILineStatusLeds, IDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private const int StepsPerCycle = 20;
    private const int LedCount = (int)LedId.Fault + 1;

    private readonly ILedDriver _driver;
    private readonly ITimer _timer;
    private readonly int[] _patterns = new int[LedCount];
    private readonly bool[] _lit = new bool[LedCount];
    private int _step;
    private int _ticking;

    public LedPatternEngine(ILedDriver driver, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(time);
        _driver = driver;
        for (int i = 0; i < LedCount; i++)
        {
            _driver.Write((LedId)i, false);
        }

        _timer = time.CreateTimer(_ => OnTick(), null, Tick, Tick);
    }

    /// <summary>Bit mask of lit steps for each pattern (one second, 50 ms per step).</summary>
    public static int Mask(LedPattern pattern) => pattern switch
    {
        LedPattern.On => (1 << StepsPerCycle) - 1,
        LedPattern.SlowBlink => 0x003FF,   // 500 ms on, 500 ms off
        LedPattern.FastBlink => 0x33333,   // 100 ms on, 100 ms off
        LedPattern.DoubleBlink => 0x00033, // 100 on, 100 off, 100 on, 700 off
        _ => 0,
    };

    public void SetPattern(LedId led, LedPattern pattern)
    {
        if ((uint)led >= LedCount || !Enum.IsDefined(pattern))
        {
            throw new ArgumentOutOfRangeException(nameof(led), $"unknown LED {led} or pattern {pattern}");
        }

        Volatile.Write(ref _patterns[(int)led], (int)pattern);
    }

    public LedPattern GetPattern(LedId led) => (LedPattern)Volatile.Read(ref _patterns[(int)led]);

    /// <summary>Whether the LED is lit right now (as last written to the driver).</summary>
    public bool IsLit(LedId led) => Volatile.Read(ref _lit[(int)led]);

    public void Dispose() => _timer.Dispose();

    private void OnTick()
    {
        // A slow driver must not let ticks overlap on the thread pool.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            int bit = 1 << _step;
            for (int i = 0; i < LedCount; i++)
            {
                bool lit = (Mask((LedPattern)Volatile.Read(ref _patterns[i])) & bit) != 0;
                if (lit != _lit[i])
                {
                    Volatile.Write(ref _lit[i], lit);
                    _driver.Write((LedId)i, lit);
                }
            }

            _step = (_step + 1) % StepsPerCycle;
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }
}
