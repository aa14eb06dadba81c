namespace Appliance.Hal;

/// <summary>One change of the (debounced) ringing-voltage envelope on the line.</summary>
/// <param name="Ringing">True when ringing voltage starts, false when it stops.</param>
/// <param name="At">When the edge was seen, on the board's <see cref="TimeProvider"/>.</param>
public readonly record struct RingEdge(bool Ringing, DateTimeOffset At);

/// <summary>Opto-coupled ring detector: reports the ring envelope's edges.</summary>
public interface IRingDetector
{
    bool IsRinging { get; }

    /// <summary>Raised on the driver's thread for every edge; handlers must return quickly.</summary>
    event Action<RingEdge>? Edge;
}
