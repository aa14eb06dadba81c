namespace Appliance.Hal.Line;

/// <summary>
/// Recognises the exchange's busy / reorder / disconnect tone in captured frames. The tone
/// detectors live in Appliance.Audio; this seam lets the line use them without knowing which.
/// </summary>
public interface IDisconnectToneDetector
{
    /// <summary>Feeds one frame; true once the tone has been heard long enough to hang up.</summary>
    bool Process(ReadOnlySpan<short> frame);

    void Reset();
}
