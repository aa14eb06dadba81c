namespace Appliance.Telephony.Rtp;

/// <summary>
/// Turns the stream of RFC 4733 packets into one report per digit. An event is identified by its RTP
/// timestamp: the three end packets and any retransmission share it, so only the first end counts.
/// If every end packet of an event is lost, the event is reported when the next one starts.
/// </summary>
public sealed class DtmfReceiver
{
    private bool _hasPending;
    private uint _pendingTimestamp;
    private TelephoneEvent _pending;
    private bool _hasReported;
    private uint _reportedTimestamp;

    public bool TryAccept(uint timestamp, TelephoneEvent packet, out DtmfEvent reported)
    {
        reported = default;
        if (_hasReported && timestamp == _reportedTimestamp)
        {
            return false;
        }

        bool flushedPrevious = false;
        if (_hasPending && timestamp != _pendingTimestamp)
        {
            flushedPrevious = TryReport(_pendingTimestamp, _pending, out reported);
        }

        _hasPending = true;
        _pendingTimestamp = timestamp;
        _pending = packet;
        if (packet.End && !flushedPrevious)
        {
            _hasPending = false;
            return TryReport(timestamp, packet, out reported);
        }

        return flushedPrevious;
    }

    private bool TryReport(uint timestamp, TelephoneEvent packet, out DtmfEvent reported)
    {
        _hasReported = true;
        _reportedTimestamp = timestamp;
        if (!TelephoneEvent.TryGetDigit(packet.Event, out char digit))
        {
            reported = default;
            return false;
        }

        reported = new DtmfEvent(digit, TimeSpan.FromMilliseconds(packet.Duration / (double)RtpClock.SamplesPerMs), timestamp);
        return true;
    }
}
