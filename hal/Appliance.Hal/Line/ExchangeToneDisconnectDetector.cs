using Appliance.Audio.Tones;

namespace Appliance.Hal.Line;

/// <summary>
/// The line's disconnect-tone seam over Appliance.Audio's call-progress detector: the far end is gone
/// once the exchange's busy or reorder tone has repeated its country cadence (two cycles by default,
/// so about 2 s of busy tone). Dial tone and ringback do not end a call.
/// </summary>
public sealed class ExchangeToneDisconnectDetector(TonePlan plan, int sampleRate, CallProgressToneDetectorOptions? options = null)
    : IDisconnectToneDetector
{
    private readonly CallProgressToneDetector _detector = new(plan, sampleRate, options);

    public TonePlan Plan => _detector.Plan;

    public bool Process(ReadOnlySpan<short> frame)
    {
        _detector.Process(frame);
        return _detector.Detected is CallProgressTone.Busy or CallProgressTone.Reorder;
    }

    public void Reset() => _detector.Reset();
}
