namespace Appliance.Telephony.Rtp;

/// <summary>
/// Per-source reception counters from RFC 3550 Appendix A.1/A.3/A.8: extended highest sequence number
/// with wrap counting, expected vs received for loss, the fraction lost since the last report, and
/// interarrival jitter. When the source changes (new SSRC or a restarted sequence) the per-source
/// counters start over, as RFC 3550 wants for reports, while the call totals keep adding up.
/// Not thread-safe; the session calls it under its own lock.
/// </summary>
public sealed class RtpReceiveStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;

    private bool _initialized;
    private ushort _maxSeq;
    private uint _cycles;
    private uint _baseSeq;
    private uint _badSeq = uint.MaxValue;
    private long _expectedPrior;
    private long _receivedPrior;
    private InterarrivalJitter _jitter;
    private long _earlierReceived;
    private long _earlierBytes;
    private long _earlierExpected;

    public uint Ssrc { get; private set; }
    public long PacketsReceived { get; private set; }
    public long BytesReceived { get; private set; }

    public uint ExtendedHighestSequence => _cycles + _maxSeq;
    public long PacketsExpected => _initialized ? ExtendedHighestSequence - _baseSeq + 1 : 0;

    /// <summary>Expected minus received; duplicates can make it negative, as RFC 3550 allows.</summary>
    public long PacketsLost => PacketsExpected - PacketsReceived;

    public double JitterMs => _jitter.Milliseconds;

    /// <summary>Received over the whole call, across source changes.</summary>
    public long TotalPacketsReceived => _earlierReceived + PacketsReceived;

    public long TotalBytesReceived => _earlierBytes + BytesReceived;

    /// <summary>Expected over the whole call, across source changes.</summary>
    public long TotalPacketsExpected => _earlierExpected + PacketsExpected;

    public long TotalPacketsLost => TotalPacketsExpected - TotalPacketsReceived;

    /// <summary>Counts one packet. <paramref name="arrival"/> is the arrival time in RTP clock units.</summary>
    public void Record(in RtpHeader header, int payloadBytes, uint arrival)
    {
        if (!_initialized || header.Ssrc != Ssrc)
        {
            Restart(header);
        }
        else
        {
            ushort delta = unchecked((ushort)(header.SequenceNumber - _maxSeq));
            if (delta < MaxDropout)
            {
                if (header.SequenceNumber < _maxSeq)
                {
                    _cycles += 1 << 16;
                }

                _maxSeq = header.SequenceNumber;
            }
            else if (delta <= ushort.MaxValue + 1 - MaxMisorder)
            {
                // A big jump: believe it only when the next packet continues from it (the sender restarted).
                if (header.SequenceNumber == _badSeq)
                {
                    Restart(header);
                }
                else
                {
                    _badSeq = (uint)((header.SequenceNumber + 1) & 0xFFFF);
                    return;
                }
            }
        }

        PacketsReceived++;
        BytesReceived += payloadBytes;
        _jitter.Update(header.Timestamp, arrival);
    }

    /// <summary>The RFC 3550 §6.4.1 report block about this source; resets the "since last report" interval.</summary>
    public RtcpReportBlock CreateReportBlock(uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        long expected = PacketsExpected;
        long expectedInterval = expected - _expectedPrior;
        long lostInterval = expectedInterval - (PacketsReceived - _receivedPrior);
        _expectedPrior = expected;
        _receivedPrior = PacketsReceived;
        byte fraction = expectedInterval <= 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        return new RtcpReportBlock(Ssrc, fraction, (int)Math.Clamp(PacketsLost, -0x800000, 0x7FFFFF), ExtendedHighestSequence,
            (uint)_jitter.Samples, lastSenderReport, delaySinceLastSenderReport);
    }

    private void Restart(in RtpHeader header)
    {
        _earlierReceived += PacketsReceived;
        _earlierBytes += BytesReceived;
        _earlierExpected += PacketsExpected;
        _initialized = true;
        Ssrc = header.Ssrc;
        _maxSeq = header.SequenceNumber;
        _cycles = 0;
        _baseSeq = header.SequenceNumber;
        _badSeq = uint.MaxValue;
        _expectedPrior = 0;
        _receivedPrior = 0;
        PacketsReceived = 0;
        BytesReceived = 0;
        _jitter.Reset();
    }
}
