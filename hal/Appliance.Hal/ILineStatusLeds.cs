using Appliance.Hal.Leds;

namespace Appliance.Hal;

/// <summary>Front-panel LEDs addressed by meaning; blinking is timed by the implementation, not the caller.</summary>
public interface ILineStatusLeds
{
    void SetPattern(LedId led, LedPattern pattern);

    LedPattern GetPattern(LedId led);
}
