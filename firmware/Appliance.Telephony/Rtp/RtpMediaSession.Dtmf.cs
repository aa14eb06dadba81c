using Appliance.Telephony.Sdp;

namespace Appliance.Telephony.Rtp;

/// <summary>RFC 4733 sending, one packet per 20 ms timer tick while digits are queued.</summary>
public sealed partial class RtpMediaSession
{
    private const int InterDigitGapTicks = 2;
    private int _dtmfTickBusy;

    private void OnDtmfTick()
    {
        // A slow tick must not overlap the next one: both would write the same packet buffer.
        if (Interlocked.Exchange(ref _dtmfTickBusy, 1) == 1)
        {
            return;
        }

        try
        {
            NegotiatedMedia? media = Volatile.Read(ref _media);
            if (media?.TelephoneEventPayloadType is not { } eventPt || !TryNextDtmfPacket(eventPt, out RtpHeader header, out TelephoneEvent payload))
            {
                return;
            }

            if (media.ShouldSend)
            {
                int offset = header.WriteTo(_dtmfPacket);
                payload.WriteTo(_dtmfPacket.AsSpan(offset));
                Send(_rtp, _rtpLatch, _dtmfPacket);
            }
        }
        finally
        {
            Volatile.Write(ref _dtmfTickBusy, 0);
        }
    }

    private bool TryNextDtmfPacket(int eventPt, out RtpHeader header, out TelephoneEvent payload)
    {
        header = default;
        payload = default;
        lock (_gate)
        {
            if (!_dtmfOut.IsActive)
            {
                if (_dtmfGapTicks > 0)
                {
                    _dtmfGapTicks--;
                    return false;
                }

                if (_dtmfQueueCount == 0)
                {
                    _dtmfTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    return false;
                }

                (char digit, int durationMs) = _dtmfQueue[_dtmfQueueHead];
                _dtmfQueueHead = (_dtmfQueueHead + 1) % _dtmfQueue.Length;
                _dtmfQueueCount--;
                _dtmfOut.TryStart(digit, durationMs, _timestamp);
            }

            _dtmfOut.TryNext(out payload, out bool marker);
            header = new RtpHeader(marker, (byte)eventPt, _sequence++, _dtmfOut.EventTimestamp, _ssrc);
            if (!_dtmfOut.IsActive)
            {
                // The event is over: audio resumes after it on the RTP timeline, as a new talkspurt.
                uint end = _dtmfOut.EventTimestamp + (uint)_dtmfOut.TotalSamples;
                if (unchecked((int)(end - _timestamp)) > 0)
                {
                    _timestamp = end;
                }

                _markerPending = true;
                _dtmfGapTicks = InterDigitGapTicks;
            }

            return true;
        }
    }
}
