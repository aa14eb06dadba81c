using System.Device.Gpio;
using Appliance.Hal.Board;

namespace Appliance.Hal.Linux.Gpio;

/// <summary>Hook relay on a GPIO output; starts on hook.</summary>
public sealed class GpioHookSwitch : IHookSwitch
{
    private readonly GpioController _gpio;
    private readonly PinProfile _pin;
    private readonly int _number;

    public GpioHookSwitch(GpioController gpio, PinProfile pin)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(pin);
        _gpio = gpio;
        _pin = pin;
        _number = PinLevels.Number(pin);
        _gpio.OpenPin(_number, PinMode.Output, PinLevels.ToLevel(pin, active: false));
    }

    public HookState State { get; private set; }

    public void SetHook(HookState state)
    {
        _gpio.Write(_number, PinLevels.ToLevel(_pin, state == HookState.OffHook));
        State = state;
    }
}
