namespace Appliance.Hal.Leds;

/// <summary>How an LED is lit; the timings are in <see cref="LedPatternEngine"/>.</summary>
public enum LedPattern
{
    Off,
    On,
    SlowBlink,
    FastBlink,
    DoubleBlink,
}
