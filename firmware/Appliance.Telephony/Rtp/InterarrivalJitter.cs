namespace Appliance.Telephony.Rtp;

/// <summary>
/// The RFC 3550 §6.4.1 / A.8 interarrival jitter estimator: a running mean of |D| with gain 1/16,
/// where D is the change in (arrival time - RTP timestamp) between consecutive packets, in samples.
/// </summary>
public struct InterarrivalJitter
{
    private bool _hasPrevious;
    private int _previousTransit;
    private double _jitter;

    /// <summary>The estimate in RTP timestamp units (samples at 8 kHz).</summary>
    public readonly double Samples => _jitter;

    public readonly double Milliseconds => _jitter / RtpClock.SamplesPerMs;

    /// <param name="arrival">Arrival time already converted to RTP clock units.</param>
    public void Update(uint rtpTimestamp, uint arrival)
    {
        int transit = unchecked((int)(arrival - rtpTimestamp));
        if (_hasPrevious)
        {
            int d = Math.Abs(unchecked(transit - _previousTransit));
            _jitter += (d - _jitter) / 16.0;
        }

        _previousTransit = transit;
        _hasPrevious = true;
    }

    public void Reset() => this = default;
}
