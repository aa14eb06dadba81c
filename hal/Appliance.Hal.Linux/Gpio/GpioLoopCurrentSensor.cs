using System.Device.Gpio;
using Appliance.Hal.Board;

namespace Appliance.Hal.Linux.Gpio;

/// <summary>Loop-current sense input; a change counts once the pin has held its new level for the debounce time.</summary>
public sealed class GpioLoopCurrentSensor : ILoopCurrentSensor, IDisposable
{
    private readonly GpioController _gpio;
    private readonly PinProfile _pin;
    private readonly int _number;
    private readonly TimeProvider _time;
    private readonly ITimer _debounceTimer;
    private readonly TimeSpan _debounce;
    private readonly Lock _gate = new();

    public GpioLoopCurrentSensor(GpioController gpio, PinProfile pin, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(pin);
        ArgumentNullException.ThrowIfNull(time);
        _gpio = gpio;
        _pin = pin;
        _time = time;
        _number = PinLevels.Number(pin);
        _debounce = TimeSpan.FromMilliseconds(pin.DebounceMs);
        _debounceTimer = time.CreateTimer(_ => Sample(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _gpio.OpenPin(_number, PinMode.Input);
        IsPresent = PinLevels.IsActive(pin, _gpio.Read(_number));
        _gpio.RegisterCallbackForPinValueChangedEvent(_number, PinEventTypes.Rising | PinEventTypes.Falling, OnPinChanged);
    }

    public event Action<bool, DateTimeOffset>? Changed;

    public bool IsPresent { get; private set; }

    public void Dispose()
    {
        _gpio.UnregisterCallbackForPinValueChangedEvent(_number, OnPinChanged);
        _debounceTimer.Dispose();
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs e)
    {
        if (_debounce == TimeSpan.Zero)
        {
            Sample();
        }
        else
        {
            _debounceTimer.Change(_debounce, Timeout.InfiniteTimeSpan); // restarts on every bounce
        }
    }

    private void Sample()
    {
        bool present = PinLevels.IsActive(_pin, _gpio.Read(_number));
        lock (_gate)
        {
            if (present == IsPresent)
            {
                return;
            }

            IsPresent = present;
        }

        Changed?.Invoke(present, _time.GetUtcNow());
    }
}
