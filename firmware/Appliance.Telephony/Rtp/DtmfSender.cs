namespace Appliance.Telephony.Rtp;

/// <summary>
/// The RFC 4733 §2.5.1 sending sequence for one digit, one packet per 20 ms tick: a first packet with the
/// marker bit, continuation packets with a growing duration (all with the event's start timestamp),
/// then the end packet sent three times so one lost packet does not lose the digit's end.
/// </summary>
public sealed class DtmfSender
{
    public const int EndRepeats = 3;
    public const int MinDurationMs = 40;
    public const int MaxDurationMs = 5000;
    private const byte Volume = 10; // dBm0 below full scale, a typical keypad level

    private byte _event;
    private int _totalSamples;
    private int _sentSamples;
    private int _endsSent;

    public bool IsActive { get; private set; }

    /// <summary>The RTP timestamp all packets of the current event carry.</summary>
    public uint EventTimestamp { get; private set; }

    /// <summary>The event's total length in samples, to advance the stream timestamp once it ends.</summary>
    public int TotalSamples => _totalSamples;

    public bool TryStart(char digit, int durationMs, uint timestamp)
    {
        if (IsActive || !TelephoneEvent.TryGetEventCode(digit, out byte code))
        {
            return false;
        }

        _event = code;
        _totalSamples = Math.Clamp(durationMs, MinDurationMs, MaxDurationMs) * RtpClock.SamplesPerMs;
        _sentSamples = 0;
        _endsSent = 0;
        EventTimestamp = timestamp;
        IsActive = true;
        return true;
    }

    /// <summary>The packet for this tick; false once the last end packet has gone.</summary>
    public bool TryNext(out TelephoneEvent payload, out bool marker)
    {
        if (!IsActive)
        {
            payload = default;
            marker = false;
            return false;
        }

        marker = _sentSamples == 0;
        _sentSamples = Math.Min(_sentSamples + RtpClock.SamplesPerFrame, _totalSamples);
        bool end = _sentSamples >= _totalSamples;
        if (end && ++_endsSent >= EndRepeats)
        {
            IsActive = false;
        }

        payload = new TelephoneEvent(_event, end, Volume, (ushort)_sentSamples);
        return true;
    }
}
