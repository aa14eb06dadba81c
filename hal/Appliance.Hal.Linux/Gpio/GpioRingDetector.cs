using System.Device.Gpio;
using Appliance.Hal.Board;

namespace Appliance.Hal.Linux.Gpio;

/// <summary>
/// Ring detector on a GPIO input. Opto-couplers pulse at the ringing frequency (20-25 Hz), so the
/// ring envelope stays "on" until the input has been inactive for <see cref="EnvelopeHold"/>;
/// the off edge carries the time of the last pulse, not of the timer.
/// </summary>
public sealed class GpioRingDetector : IRingDetector, IDisposable
{
    /// <summary>Longer than half a 16 Hz ringing period, shorter than the UK 200 ms gap.</summary>
    public static readonly TimeSpan EnvelopeHold = TimeSpan.FromMilliseconds(100);

    private readonly GpioController _gpio;
    private readonly PinProfile _pin;
    private readonly int _number;
    private readonly TimeProvider _time;
    private readonly ITimer _holdTimer;
    private readonly TimeSpan _debounce;
    private readonly Lock _gate = new();
    private DateTimeOffset _lastEdge = DateTimeOffset.MinValue;
    private DateTimeOffset _lastInactive;
    private bool _inputActive;

    public GpioRingDetector(GpioController gpio, PinProfile pin, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(gpio);
        ArgumentNullException.ThrowIfNull(pin);
        ArgumentNullException.ThrowIfNull(time);
        _gpio = gpio;
        _pin = pin;
        _time = time;
        _number = PinLevels.Number(pin);
        _debounce = TimeSpan.FromMilliseconds(pin.DebounceMs);
        _holdTimer = time.CreateTimer(_ => OnHoldExpired(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _gpio.OpenPin(_number, PinMode.Input);
        _gpio.RegisterCallbackForPinValueChangedEvent(_number, PinEventTypes.Rising | PinEventTypes.Falling, OnPinChanged);
    }

    public event Action<RingEdge>? Edge;

    public bool IsRinging { get; private set; }

    public void Dispose()
    {
        _gpio.UnregisterCallbackForPinValueChangedEvent(_number, OnPinChanged);
        _holdTimer.Dispose();
    }

    private void OnPinChanged(object sender, PinValueChangedEventArgs e)
    {
        var now = _time.GetUtcNow();
        bool started = false;
        lock (_gate)
        {
            if (now - _lastEdge < _debounce)
            {
                return; // contact bounce
            }

            _lastEdge = now;
            _inputActive = PinLevels.IsActive(_pin, e.ChangeType);
            if (_inputActive)
            {
                _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                started = !IsRinging;
                IsRinging = true;
            }
            else
            {
                _lastInactive = now;
                _holdTimer.Change(EnvelopeHold, Timeout.InfiniteTimeSpan);
            }
        }

        if (started)
        {
            Edge?.Invoke(new RingEdge(true, now));
        }
    }

    private void OnHoldExpired()
    {
        DateTimeOffset at;
        lock (_gate)
        {
            if (_inputActive || !IsRinging)
            {
                return;
            }

            IsRinging = false;
            at = _lastInactive;
        }

        Edge?.Invoke(new RingEdge(false, at));
    }
}
