using System.Device.Gpio;
using Appliance.Hal.Board;
using Appliance.Hal.Leds;

namespace Appliance.Hal.Linux.Gpio;

/// <summary>One GPIO output per LED, polarity from the board profile. Blinking is timed by <see cref="LedPatternEngine"/>.</summary>
public sealed class GpioLedDriver : ILedDriver
{
    private readonly GpioController _gpio;
    private readonly PinProfile[] _pins = new PinProfile[(int)LedId.Fault + 1];

    public GpioLedDriver(GpioController gpio, BoardProfile profile)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(profile);
        _gpio = gpio;
        for (int i = 0; i < _pins.Length; i++)
        {
            _pins[i] = profile.Pin(BoardPinRoles.ForLed((LedId)i));
            _gpio.OpenPin(PinLevels.Number(_pins[i]), PinMode.Output, PinLevels.ToLevel(_pins[i], active: false));
        }
    }

    public void Write(LedId led, bool lit)
    {
        var pin = _pins[(int)led];
        _gpio.Write(PinLevels.Number(pin), PinLevels.ToLevel(pin, lit));
    }
}
