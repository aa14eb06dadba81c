using System.Device.Gpio;

namespace Appliance.Hal.Tests.Linux;

/// <summary>
/// A GPIO driver below System.Device.Gpio's public GpioController, standing in for the kernel:
/// outputs are recorded, inputs are set by the test and raise the controller's edge callbacks.
/// </summary>
internal sealed class FakeGpioDriver : GpioDriver
{
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly Dictionary<int, PinValue> _values = [];
    private readonly Dictionary<int, PinChangeEventHandler> _callbacks = [];

    public List<(int Pin, PinValue Value)> Writes { get; } = [];

    protected override int PinCount => 64;

    public PinValue Level(int pin) => _values.GetValueOrDefault(pin, PinValue.Low);

    public bool IsOpen(int pin) => _modes.ContainsKey(pin);

    /// <summary>Drives an input pin as external hardware would; raises the edge callback on change.</summary>
    public void SetInput(int pin, PinValue value)
    {
        var old = Level(pin);
        _values[pin] = value;
        if (old != value && _callbacks.TryGetValue(pin, out var callback))
        {
            callback(this, new PinValueChangedEventArgs(value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling, pin));
        }
    }

    protected override void OpenPin(int pinNumber) => _modes[pinNumber] = PinMode.Input;

    protected override void ClosePin(int pinNumber) => _modes.Remove(pinNumber);

    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

    protected override PinMode GetPinMode(int pinNumber) => _modes[pinNumber];

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => Level(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        if (_modes.GetValueOrDefault(pinNumber) != PinMode.Output)
        {
            throw new InvalidOperationException($"pin {pinNumber} written while not an output");
        }

        _values[pinNumber] = value;
        Writes.Add((pinNumber, value));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the HAL uses callbacks, not blocking waits");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        _callbacks[pinNumber] = callback;

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        _callbacks.Remove(pinNumber);
}
