namespace Appliance.Hal.Simulated;

/// <summary>Ring detector driven by <see cref="SimulatedExchange"/> (or a test) instead of an opto-coupler.</summary>
public sealed class SimulatedRingDetector : IRingDetector
{
    private readonly TimeProvider _time;

    internal SimulatedRingDetector(TimeProvider time) => _time = time;

    public event Action<RingEdge>? Edge;

    public bool IsRinging { get; private set; }

    /// <summary>Sets the ringing level; raises an edge when it changes.</summary>
    public void Set(bool ringing)
    {
        if (ringing == IsRinging)
        {
            return;
        }

        IsRinging = ringing;
        Edge?.Invoke(new RingEdge(ringing, _time.GetUtcNow()));
    }
}
