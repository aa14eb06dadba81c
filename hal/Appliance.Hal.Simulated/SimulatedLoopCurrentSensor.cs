namespace Appliance.Hal.Simulated;

/// <summary>Loop-current sensor driven by <see cref="SimulatedExchange"/> (or a test).</summary>
public sealed class SimulatedLoopCurrentSensor : ILoopCurrentSensor
{
    private readonly TimeProvider _time;

    internal SimulatedLoopCurrentSensor(TimeProvider time) => _time = time;

    public event Action<bool, DateTimeOffset>? Changed;

    public bool IsPresent { get; private set; }

    public void Set(bool present)
    {
        if (present == IsPresent)
        {
            return;
        }

        IsPresent = present;
        Changed?.Invoke(present, _time.GetUtcNow());
    }
}
