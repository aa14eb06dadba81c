namespace Appliance.Hal.Leds;

/// <summary>The raw on/off switch of each LED (a GPIO line, or a recorder on the simulated board).</summary>
public interface ILedDriver
{
    void Write(LedId led, bool lit);
}
